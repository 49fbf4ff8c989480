// Store updates for the plain lists at the query root (lists, filters, tokens, webhooks):
// a new record appended (or put first, for lists newest first), a deleted one taken out.
import type { RecordProxy, RecordSourceSelectorProxy } from 'relay-runtime';

/** Appends the record `payloadField.recordField` of a mutation's payload to the root's `field`. */
export function appendToRoot(store: RecordSourceSelectorProxy, field: string, record: RecordProxy | null | undefined): void {
  if (record === null || record === undefined) return;
  const root = store.getRoot();
  const current = root.getLinkedRecords(field) ?? [];
  if (current.some((item) => item?.getDataID() === record.getDataID())) return;
  root.setLinkedRecords([...current, record], field);
}

/** Puts the record first in the root's `field`, for a list newest first. */
export function prependToRoot(store: RecordSourceSelectorProxy, field: string, record: RecordProxy | null | undefined): void {
  if (record === null || record === undefined) return;
  const root = store.getRoot();
  const current = root.getLinkedRecords(field);
  if (current === null || current === undefined) return;
  if (current.some((item) => item?.getDataID() === record.getDataID())) return;
  root.setLinkedRecords([record, ...current], field);
}

/** Takes the record with `id` out of the root's `field`. */
export function removeFromRoot(store: RecordSourceSelectorProxy, field: string, id: string): void {
  const root = store.getRoot();
  const current = root.getLinkedRecords(field);
  if (current === null || current === undefined) return;
  root.setLinkedRecords(
    current.filter((item) => item !== null && item !== undefined && item.getDataID() !== id),
    field,
  );
}

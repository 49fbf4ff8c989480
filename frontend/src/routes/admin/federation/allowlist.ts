// The allowlist in the Relay store and in words: an entry put in or taken out of the list the
// federation page shows, what is sent for a domain typed, and where a refusal of one shows.
import type { RecordProxy, RecordSourceSelectorProxy } from 'relay-runtime';
import { adminServersText } from '../../../i18n/adminFederationText';
import { messageOf, rookeryErrorOf } from '../../../relay/errors';

export const allowText = adminServersText.allowlist;

/** Where a refusal of the allowlist's form shows: beside the domain the server named, else above the button. */
export function allowFailure(error: unknown): { place: 'domain' | 'form'; message: string } {
  const known = rookeryErrorOf(error);
  return {
    place: known.field?.split('.').pop() === 'domain' ? 'domain' : 'form',
    message: messageOf(known, { FORBIDDEN: allowText.forbidden }),
  };
}

/** What is sent for a domain typed: trimmed, in lower case, without a trailing dot. */
export function allowDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

/** Puts `record` into the root's allowlist, alphabetically, in place of one for its domain. */
export function putAllow(store: RecordSourceSelectorProxy, record: RecordProxy | null | undefined): void {
  if (record === null || record === undefined) return;
  const root = store.getRoot();
  const current = root.getLinkedRecords('domainAllows');
  if (current === null || current === undefined) return;
  const domain = String(record.getValue('domain'));
  const kept = current.filter((item): item is RecordProxy => item !== null && item !== undefined && item.getValue('domain') !== domain);
  root.setLinkedRecords(
    [...kept, record].sort((a, b) => String(a.getValue('domain')).localeCompare(String(b.getValue('domain')))),
    'domainAllows',
  );
}

/** Takes the allowlist's entry with `id` out of the root's list. */
export function dropAllow(store: RecordSourceSelectorProxy, id: string): void {
  const root = store.getRoot();
  const current = root.getLinkedRecords('domainAllows');
  if (current === null || current === undefined) return;
  root.setLinkedRecords(
    current.filter((item) => item !== null && item !== undefined && item.getValue('id') !== id),
    'domainAllows',
  );
}

// An audit log entry's details (JSON) as lines a person reads: for a change of settings
// (`{"before": …, "after": …}`) each value changed, before and after; otherwise each detail.
import { adminSettingsText } from '../i18n/adminSettingsText';

/** A value as shown: text, a list of records (such as the rules) one per item, or null for none. */
export type DetailValue = string | string[] | null;

export type DetailLine =
  /** A value changed: before and after, null when there was none. */
  | { kind: 'change'; key: string; label: string; before: DetailValue; after: DetailValue }
  /** A detail of the action. */
  | { kind: 'value'; key: string; label: string; value: DetailValue }
  /** Details that are not JSON, as they were written. */
  | { kind: 'text'; text: string };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A label for a detail's key: a known name, else the key spelled out (`purgeAfterDays` → "Purge after days"). */
export function detailLabel(key: string): string {
  const known = adminSettingsText.detailKeys[key];
  if (known !== undefined) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words === '' ? key : words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A record in a line: its name or text first, then its other details in brackets, leaving out
 * its id (which says nothing to a reader) and what is empty.
 */
function recordText(record: { [key: string]: Json }): string {
  const lead = ['name', 'text'].find((key) => typeof record[key] === 'string' && record[key] !== '');
  const rest = Object.entries(record)
    .filter(([key, item]) => key !== 'id' && key !== lead && item !== null && item !== '' && !(Array.isArray(item) && item.length === 0))
    .map(([key, item]) => `${detailLabel(key)}: ${scalarText(key, item) ?? ''}`);
  if (lead === undefined) return rest.join(', ');
  const first = String(record[lead]);
  return rest.length === 0 ? first : `${first} (${rest.join(', ')})`;
}

/** Words for the values of known keys: permissions and registration modes by their labels. */
function word(key: string, value: string): string {
  const table: Record<string, string> =
    key === 'permissions' ? adminSettingsText.permissions : key === 'registrationMode' ? adminSettingsText.instanceSettings : {};
  return /^[A-Z_]+$/.test(value) ? (table[value] ?? value) : value;
}

function scalarText(key: string, value: Json | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return word(key, value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? adminSettingsText.audit.yes : adminSettingsText.audit.no;
  if (Array.isArray(value)) {
    if (value.length === 0) return adminSettingsText.audit.none;
    return value.map((item) => (isObject(item) ? recordText(item) : (scalarText(key, item) ?? adminSettingsText.audit.none))).join(', ');
  }
  return recordText(value);
}

/** A value as shown: a list of records one item each, anything else as text; null for none. */
export function detailValue(key: string, value: Json | undefined): DetailValue {
  if (Array.isArray(value) && value.length > 0 && value.some(isObject)) {
    return value.map((item) => (isObject(item) ? recordText(item) : (scalarText(key, item) ?? adminSettingsText.audit.none)));
  }
  return scalarText(key, value);
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function changes(before: Json | undefined, after: Json | undefined): DetailLine[] {
  if (!isObject(before ?? {}) || !isObject(after ?? {})) {
    // A whole value replaced, such as the list of rules.
    if (same(before, after)) return [];
    return [{ kind: 'change', key: '', label: '', before: detailValue('', before), after: detailValue('', after) }];
  }
  const was = (before ?? {}) as { [key: string]: Json };
  const now = (after ?? {}) as { [key: string]: Json };
  const keys = [...Object.keys(was), ...Object.keys(now).filter((key) => !(key in was))];
  return keys
    .filter((key) => !same(was[key], now[key]))
    .map((key) => ({
      kind: 'change',
      key,
      label: detailLabel(key),
      before: detailValue(key, was[key]),
      after: detailValue(key, now[key]),
    }));
}

/** The lines to show for an entry's `detail`; none when it holds nothing. */
export function auditDetailLines(detail: string): DetailLine[] {
  let parsed: Json;
  try {
    parsed = JSON.parse(detail) as Json;
  } catch {
    return detail.trim() === '' ? [] : [{ kind: 'text', text: detail }];
  }
  if (!isObject(parsed)) {
    const value = scalarText('', parsed);
    return value === null || value === '' ? [] : [{ kind: 'text', text: value }];
  }
  const lines: DetailLine[] = [];
  if ('before' in parsed || 'after' in parsed) lines.push(...changes(parsed.before, parsed.after));
  for (const [key, value] of Object.entries(parsed)) {
    if (key === 'before' || key === 'after') continue;
    lines.push({ kind: 'value', key, label: detailLabel(key), value: detailValue(key, value) });
  }
  return lines;
}

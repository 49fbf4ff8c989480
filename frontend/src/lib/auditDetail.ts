// An audit log entry's details (JSON) as lines a person reads: for a change of settings
// (`{"before": …, "after": …}`) each value changed, before and after; otherwise each detail.
import { adminSettingsText } from '../i18n/adminSettingsText';

export type DetailLine =
  /** A value changed: `before` and `after` as text, null when there was none. */
  | { kind: 'change'; key: string; label: string; before: string | null; after: string | null }
  /** A detail of the action. */
  | { kind: 'value'; key: string; label: string; value: string | null }
  /** Details that are not JSON, as they were written. */
  | { kind: 'text'; text: string };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A label for a detail's key: a known name, else the key spelled out (`maxStatusChars` → "Max status chars"). */
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

/** A value as text: strings as they are, lists joined, objects as `key: value` pairs; null for none. */
export function detailValue(value: Json | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? adminSettingsText.audit.yes : adminSettingsText.audit.no;
  if (Array.isArray(value)) {
    if (value.length === 0) return adminSettingsText.audit.none;
    const items = value.map((item) => detailValue(item) ?? adminSettingsText.audit.none);
    return items.join(value.some(isObject) ? '; ' : ', ');
  }
  const pairs = Object.entries(value)
    // A record's id says nothing to a reader.
    .filter(([key]) => key !== 'id')
    .map(([key, item]) => `${detailLabel(key)}: ${detailValue(item) ?? adminSettingsText.audit.none}`);
  return pairs.join(', ');
}

/** A role's permissions by their labels, the other values as they are. */
function readable(key: string, value: Json | undefined): Json | undefined {
  if (key !== 'permissions' || !Array.isArray(value)) return value;
  const labels: Record<string, string> = adminSettingsText.permissions;
  return value.map((item) => (typeof item === 'string' ? (labels[item] ?? item) : item));
}

function same(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function changes(before: Json | undefined, after: Json | undefined): DetailLine[] {
  if (!isObject(before ?? {}) || !isObject(after ?? {})) {
    // A whole value replaced, such as the list of rules.
    if (same(before, after)) return [];
    return [{ kind: 'change', key: '', label: '', before: detailValue(before), after: detailValue(after) }];
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
      before: detailValue(readable(key, was[key])),
      after: detailValue(readable(key, now[key])),
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
    const value = detailValue(parsed);
    return value === null || value === '' ? [] : [{ kind: 'text', text: value }];
  }
  const lines: DetailLine[] = [];
  if ('before' in parsed || 'after' in parsed) lines.push(...changes(parsed.before, parsed.after));
  for (const [key, value] of Object.entries(parsed)) {
    if (key === 'before' || key === 'after') continue;
    lines.push({ kind: 'value', key, label: detailLabel(key), value: detailValue(readable(key, value)) });
  }
  return lines;
}

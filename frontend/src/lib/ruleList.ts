// The instance's rules as an editable list: added, edited, moved and removed in the page, then
// saved all at once, each existing rule keeping its id so that reports citing it still do.

/** A rule in the form: `key` tells rows apart in the page; `id` is null for a rule not saved yet. */
export interface RuleRow {
  key: number;
  id: string | null;
  text: string;
  hint: string;
}

/** What `setInstanceRules` takes for one rule. */
export interface RuleInput {
  id?: string;
  text: string;
  hint: string;
}

/** Rows for the rules as they are saved, keyed from 0. */
export function rowsOf(rules: readonly { id: string; text: string; hint: string }[]): RuleRow[] {
  return rules.map((rule, key) => ({ key, id: rule.id, text: rule.text, hint: rule.hint }));
}

/** `rows` with the one at `index` moved by `by` places (−1 up, 1 down); unchanged at the ends. */
export function moveRule<T>(rows: readonly T[], index: number, by: number): T[] {
  const to = index + by;
  if (index < 0 || index >= rows.length || to < 0 || to >= rows.length) return [...rows];
  const moved = [...rows];
  const [row] = moved.splice(index, 1);
  if (row !== undefined) moved.splice(to, 0, row);
  return moved;
}

/** `rows` with an empty new rule at the end, keyed past every other. */
export function addRule(rows: readonly RuleRow[]): RuleRow[] {
  const key = rows.reduce((highest, row) => Math.max(highest, row.key), -1) + 1;
  return [...rows, { key, id: null, text: '', hint: '' }];
}

/** `rows` without the one keyed `key`. */
export function removeRule(rows: readonly RuleRow[], key: number): RuleRow[] {
  return rows.filter((row) => row.key !== key);
}

/** `rows` with the one keyed `key` changed. */
export function editRule(rows: readonly RuleRow[], key: number, change: Partial<Pick<RuleRow, 'text' | 'hint'>>): RuleRow[] {
  return rows.map((row) => (row.key === key ? { ...row, ...change } : row));
}

/** What is sent: every rule in order, trimmed, existing ones with their ids. */
export function rulesInput(rows: readonly RuleRow[]): RuleInput[] {
  return rows.map((row) => ({
    ...(row.id === null ? {} : { id: row.id }),
    text: row.text.trim(),
    hint: row.hint.trim(),
  }));
}

/** Whether the rows say anything other than `saved`, in content or order. */
export function rulesChanged(rows: readonly RuleRow[], saved: readonly { id: string; text: string; hint: string }[]): boolean {
  if (rows.length !== saved.length) return true;
  return rows.some((row, index) => {
    const rule = saved[index];
    return rule === undefined || row.id !== rule.id || row.text !== rule.text || row.hint !== rule.hint;
  });
}

// The rules' editable list: moved, added, removed and sent in order, existing ones by id.
import { describe, expect, it } from 'vitest';
import { addRule, editRule, moveRule, removeRule, rowsOf, rulesChanged, rulesInput } from './ruleList';

const saved = [
  { id: 'r1', text: 'Be kind', hint: 'No harassment.' },
  { id: 'r2', text: 'No spam', hint: '' },
  { id: 'r3', text: 'No ads', hint: '' },
];

describe('moveRule', () => {
  it('moves a rule up or down one place', () => {
    expect(moveRule(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveRule(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveRule(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
  });

  it('leaves the list as it is past either end', () => {
    expect(moveRule(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveRule(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moveRule(['a'], 3, -1)).toEqual(['a']);
  });

  it('does not change the list it was given', () => {
    const rows = ['a', 'b'];
    moveRule(rows, 0, 1);
    expect(rows).toEqual(['a', 'b']);
  });
});

describe('rulesInput', () => {
  it('sends every rule in the order shown, trimmed, existing ones with their ids', () => {
    let rows = rowsOf(saved);
    rows = moveRule(rows, 2, -2);
    rows = removeRule(rows, 1);
    rows = addRule(rows);
    const added = rows[rows.length - 1];
    rows = editRule(rows, added?.key ?? -1, { text: '  Alt text on pictures ', hint: ' Describe them. ' });
    expect(rulesInput(rows)).toEqual([
      { id: 'r3', text: 'No ads', hint: '' },
      { id: 'r1', text: 'Be kind', hint: 'No harassment.' },
      { text: 'Alt text on pictures', hint: 'Describe them.' },
    ]);
  });

  it('keys a new rule past every other, even after removals', () => {
    const rows = addRule(removeRule(rowsOf(saved), 0));
    expect(rows.map((row) => row.key)).toEqual([1, 2, 3]);
    expect(rows[2]).toEqual({ key: 3, id: null, text: '', hint: '' });
    expect(addRule([])).toEqual([{ key: 0, id: null, text: '', hint: '' }]);
  });
});

describe('rulesChanged', () => {
  it('tells a change of order, text or number from the rules as saved', () => {
    expect(rulesChanged(rowsOf(saved), saved)).toBe(false);
    expect(rulesChanged(moveRule(rowsOf(saved), 0, 1), saved)).toBe(true);
    expect(rulesChanged(editRule(rowsOf(saved), 1, { hint: 'Ads too.' }), saved)).toBe(true);
    expect(rulesChanged(addRule(rowsOf(saved)), saved)).toBe(true);
  });
});

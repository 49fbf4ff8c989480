// The window of a long list: the items near the viewport and the spacers for the rest.
import { describe, expect, it } from 'vitest';
import { listWindow, sameWindow } from './windowing';

const hundred = Array.from({ length: 100 }, () => 100);

describe('listWindow', () => {
  it('holds the items over the viewport and the overscan, and spacers for the rest', () => {
    // Rows of 100 px; the viewport shows 1,000 to 1,800; 300 px more on each side.
    const window = listWindow(hundred, 1000, 1800, 300);
    expect(window).toEqual({ start: 7, end: 21, before: 700, after: 7900 });
  });

  it('starts at the first item while the list begins below the viewport top', () => {
    expect(listWindow(hundred, -400, 400, 200)).toEqual({ start: 0, end: 6, before: 0, after: 9400 });
  });

  it('keeps the total height whatever part is shown', () => {
    const heights = [120, 80, 300, 45, 210, 90, 600, 33, 170];
    const total = heights.reduce((sum, height) => sum + height, 0);
    for (const top of [-500, 0, 100, 333, 700, 1200, 5000]) {
      const window = listWindow(heights, top, top + 400, 100);
      const shown = heights.slice(window.start, window.end).reduce((sum, height) => sum + height, 0);
      expect(window.before + shown + window.after).toBe(total);
    }
  });

  it('keeps the last item when scrolled past the end, and nothing of an empty list', () => {
    expect(listWindow(hundred, 20_000, 20_800, 300)).toEqual({ start: 99, end: 100, before: 9900, after: 0 });
    expect(listWindow([], 0, 800, 300)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });

  it('includes an item that reaches into the window by one pixel', () => {
    expect(listWindow([100, 100, 100], 199, 250, 0)).toMatchObject({ start: 1, end: 3 });
    expect(listWindow([100, 100, 100], 200, 250, 0)).toMatchObject({ start: 2, end: 3 });
  });
});

describe('sameWindow', () => {
  it('tells a changed spacer from an unchanged window', () => {
    const window = { start: 1, end: 5, before: 100, after: 900 };
    expect(sameWindow(window, { ...window })).toBe(true);
    expect(sameWindow(window, { ...window, after: 901 })).toBe(false);
  });
});

// Which items of a long list to put in the page: those near the viewport, with the height of
// the rest kept by a spacer above and one below.

/** The items to render, `start` to `end` (exclusive), and the space the others take. */
export interface ListWindow {
  start: number;
  end: number;
  /** The height of the items before `start`. */
  before: number;
  /** The height of the items from `end` on. */
  after: number;
}

/**
 * The window over items of the given heights that covers `top` to `bottom` (pixels from the
 * list's top; `top` is negative while the list starts below the viewport's top) and `overscan`
 * more on each side. It always holds at least one item of a list that has any.
 */
export function listWindow(heights: readonly number[], top: number, bottom: number, overscan: number): ListWindow {
  const from = top - overscan;
  const to = bottom + overscan;
  const height = (index: number) => heights[index] ?? 0;
  let start = 0;
  let offset = 0;
  while (start < heights.length - 1 && offset + height(start) <= from) {
    offset += height(start);
    start += 1;
  }
  const before = offset;
  let end = start;
  while (end < heights.length && (end === start || offset < to)) {
    offset += height(end);
    end += 1;
  }
  let after = 0;
  for (let index = end; index < heights.length; index += 1) after += height(index);
  return { start, end, before, after };
}

/** Whether two windows render the same items with the same spacers. */
export function sameWindow(a: ListWindow, b: ListWindow): boolean {
  return a.start === b.start && a.end === b.end && a.before === b.before && a.after === b.after;
}

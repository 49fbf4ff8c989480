// The geometry of a bar chart of counts: a top of the scale a person reads easily, and each
// bar's place and height, in the chart's own units.

/** The smallest of 1, 2, 2.5 or 5 times a power of ten at or above `value` (at least 1). */
export function niceCeiling(value: number): number {
  if (!Number.isFinite(value) || value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const top = step * power;
    if (top >= value) return top;
  }
  return 10 * power;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

export interface BarChartLayout {
  /** The value at the top of the scale. */
  top: number;
  bars: Bar[];
}

/**
 * Bars for `values` side by side across `width`, rising from the bottom of `height`, the
 * scale going from 0 to a nice ceiling of the largest value; `gap` is the share of each
 * slot left empty (0 to 1). Negative or missing counts are drawn as 0; a count above 0
 * gets at least a hairline, so a day with one sign-up is seen.
 */
export function barChart(values: readonly number[], width: number, height: number, gap = 0.2): BarChartLayout {
  const counts = values.map((value) => (Number.isFinite(value) && value > 0 ? value : 0));
  const top = niceCeiling(Math.max(0, ...counts));
  const slot = counts.length === 0 ? 0 : width / counts.length;
  const barWidth = slot * (1 - Math.min(Math.max(gap, 0), 1));
  const bars = counts.map((value, index) => {
    const scaled = (value / top) * height;
    const barHeight = value > 0 ? Math.max(scaled, Math.min(1, height)) : 0;
    return { x: index * slot + (slot - barWidth) / 2, y: height - barHeight, width: barWidth, height: barHeight, value };
  });
  return { top, bars };
}

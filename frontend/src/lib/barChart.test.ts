// The bar chart's scale and bars.
import { describe, expect, it } from 'vitest';
import { barChart, niceCeiling } from './barChart';

describe('niceCeiling', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(3)).toBe(5);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(10)).toBe(10);
    expect(niceCeiling(11)).toBe(20);
    expect(niceCeiling(21)).toBe(25);
    expect(niceCeiling(26)).toBe(50);
    expect(niceCeiling(51)).toBe(100);
    expect(niceCeiling(1234)).toBe(2000);
  });

  it('treats what is not a count as nothing', () => {
    expect(niceCeiling(Number.NaN)).toBe(1);
    expect(niceCeiling(-5)).toBe(1);
  });
});

describe('barChart', () => {
  it('places each bar in its slot, as tall as its share of the top', () => {
    const { top, bars } = barChart([0, 5, 10], 300, 100, 0.2);
    expect(top).toBe(10);
    expect(bars.map((bar) => bar.x)).toEqual([10, 110, 210]);
    expect(bars.map((bar) => bar.width)).toEqual([80, 80, 80]);
    expect(bars.map((bar) => bar.height)).toEqual([0, 50, 100]);
    expect(bars.map((bar) => bar.y)).toEqual([100, 50, 0]);
  });

  it('shows a count far below the top as a hairline, not nothing', () => {
    const { bars } = barChart([1, 1000], 20, 50, 0);
    expect(bars[0]?.height).toBe(1);
    expect(bars[0]?.y).toBe(49);
  });

  it('draws every day empty on a quiet server, and nothing for no days', () => {
    expect(barChart([0, 0], 10, 10).bars.map((bar) => bar.height)).toEqual([0, 0]);
    expect(barChart([0, 0], 10, 10).top).toBe(1);
    expect(barChart([], 10, 10)).toEqual({ top: 1, bars: [] });
  });

  it('draws negative or missing counts as 0', () => {
    expect(barChart([-3, Number.NaN, 2], 30, 10).bars.map((bar) => bar.value)).toEqual([0, 0, 2]);
  });
});

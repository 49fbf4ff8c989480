// Sizes in bytes as people read them.
import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes';

describe('formatBytes', () => {
  it('keeps bytes whole and gives larger units one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.0 KB');
    expect(formatBytes(1_550)).toBe('1.6 KB');
    expect(formatBytes(2_345_678)).toBe('2.3 MB');
    expect(formatBytes(12_300_000_000)).toBe('12.3 GB');
  });

  it('stops at GB', () => {
    expect(formatBytes(4_200_000_000_000)).toBe('4,200.0 GB');
  });

  it('moves to the next unit where rounding would reach 1,000', () => {
    expect(formatBytes(999_940)).toBe('999.9 KB');
    expect(formatBytes(999_960)).toBe('1.0 MB');
  });

  it('reads what is not a size as nothing', () => {
    expect(formatBytes(-5)).toBe('0 B');
    expect(formatBytes(Number.NaN)).toBe('0 B');
  });
});

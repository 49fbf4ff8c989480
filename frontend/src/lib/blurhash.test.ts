// The BlurHash decoder gives the colours a hash encodes, and refuses what is no hash.
import { describe, expect, it } from 'vitest';
import { decodeBlurhash, isBlurhash } from './blurhash';

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';

function encode83(value: number, length: number): string {
  let out = '';
  for (let place = length - 1; place >= 0; place -= 1) {
    out += DIGITS[Math.floor(value / 83 ** place) % 83];
  }
  return out;
}

function pixel(pixels: Uint8ClampedArray, width: number, x: number, y: number): number[] {
  const at = 4 * (x + y * width);
  return Array.from(pixels.slice(at, at + 4));
}

describe('decodeBlurhash', () => {
  it('decodes a hash of one colour to that colour everywhere', () => {
    // One component, maximum 0, average colour rgb(200, 100, 50).
    const hash = `${encode83(0, 1)}${encode83(0, 1)}${encode83((200 << 16) | (100 << 8) | 50, 4)}`;
    const pixels = decodeBlurhash(hash, 4, 3);
    expect(pixels).toHaveLength(4 * 3 * 4);
    expect(pixel(pixels, 4, 0, 0)).toEqual([200, 100, 50, 255]);
    expect(pixel(pixels, 4, 3, 2)).toEqual([200, 100, 50, 255]);
  });

  it('lays a horizontal component out from left to right', () => {
    // Two components across: grey, then the brightest red the maximum allows.
    const size = 1; // componentsX = 2, componentsY = 1
    const red = 18 * 19 * 19 + 9 * 19 + 9;
    const hash = `${encode83(size, 1)}${encode83(82, 1)}${encode83((128 << 16) | (128 << 8) | 128, 4)}${encode83(red, 2)}`;
    expect(isBlurhash(hash)).toBe(true);
    const pixels = decodeBlurhash(hash, 8, 1);
    const left = pixel(pixels, 8, 0, 0);
    const right = pixel(pixels, 8, 7, 0);
    expect(left[0]).toBeGreaterThan(200);
    expect(right[0]).toBeLessThan(60);
    expect(left[1]).toBe(right[1]);
  });

  it('accepts a real hash and refuses malformed ones', () => {
    expect(isBlurhash('LEHV6nWB2yk8pyo0adR*.7kCMdnj')).toBe(true);
    const pixels = decodeBlurhash('LEHV6nWB2yk8pyo0adR*.7kCMdnj', 32, 32);
    expect(pixels.every((value, index) => index % 4 !== 3 || value === 255)).toBe(true);
    expect(isBlurhash('LEHV6nWB2yk8pyo0adR*.7kCMdn')).toBe(false);
    expect(isBlurhash('short')).toBe(false);
    expect(isBlurhash('LEHV6nWB2yk8pyo0adR*.7kCMd"j')).toBe(false);
    expect(() => decodeBlurhash('nope', 4, 4)).toThrow();
  });
});

// Decodes a BlurHash (the blurred stand-in the server keeps for each picture) into RGBA pixels.

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';

function decode83(text: string): number {
  let value = 0;
  for (const character of text) {
    const digit = DIGITS.indexOf(character);
    if (digit < 0) throw new Error(`not a blurhash character: ${character}`);
    value = value * 83 + digit;
  }
  return value;
}

function sRGBToLinear(value: number): number {
  const v = value / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

function linearToSRGB(value: number): number {
  const v = Math.max(0, Math.min(1, value));
  return Math.round(v <= 0.0031308 ? v * 12.92 * 255 : (1.055 * v ** (1 / 2.4) - 0.055) * 255);
}

function signPow(value: number, exponent: number): number {
  return Math.sign(value) * Math.abs(value) ** exponent;
}

/** Whether `hash` is a well-formed BlurHash. */
export function isBlurhash(hash: string): boolean {
  if (hash.length < 6 || [...hash].some((character) => !DIGITS.includes(character))) return false;
  try {
    const size = decode83(hash[0] ?? '');
    return hash.length === 4 + 2 * (Math.floor(size / 9) + 1) * ((size % 9) + 1);
  } catch {
    return false;
  }
}

/**
 * The `width` × `height` RGBA pixels `hash` stands for; `punch` strengthens its contrast.
 * Throws on a malformed hash.
 */
export function decodeBlurhash(hash: string, width: number, height: number, punch = 1): Uint8ClampedArray {
  if (!isBlurhash(hash)) throw new Error('not a blurhash');
  const size = decode83(hash.slice(0, 1));
  const componentsY = Math.floor(size / 9) + 1;
  const componentsX = (size % 9) + 1;
  const maximum = ((decode83(hash.slice(1, 2)) + 1) / 166) * punch;

  const colours: [number, number, number][] = [];
  const dc = decode83(hash.slice(2, 6));
  colours.push([sRGBToLinear(dc >> 16), sRGBToLinear((dc >> 8) & 255), sRGBToLinear(dc & 255)]);
  for (let index = 1; index < componentsX * componentsY; index += 1) {
    const ac = decode83(hash.slice(4 + index * 2, 6 + index * 2));
    const quantR = Math.floor(ac / (19 * 19));
    const quantG = Math.floor(ac / 19) % 19;
    const quantB = ac % 19;
    colours.push([
      signPow((quantR - 9) / 9, 2) * maximum,
      signPow((quantG - 9) / 9, 2) * maximum,
      signPow((quantB - 9) / 9, 2) * maximum,
    ]);
  }

  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < componentsY; j += 1) {
        for (let i = 0; i < componentsX; i += 1) {
          const basis = Math.cos((Math.PI * x * i) / width) * Math.cos((Math.PI * y * j) / height);
          const colour = colours[i + j * componentsX] ?? [0, 0, 0];
          r += colour[0] * basis;
          g += colour[1] * basis;
          b += colour[2] * basis;
        }
      }
      const at = 4 * (x + y * width);
      pixels[at] = linearToSRGB(r);
      pixels[at + 1] = linearToSRGB(g);
      pixels[at + 2] = linearToSRGB(b);
      pixels[at + 3] = 255;
    }
  }
  return pixels;
}

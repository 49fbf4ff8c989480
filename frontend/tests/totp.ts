// Codes of an authenticator app, for the browser tests: TOTP (RFC 6238) over HOTP (RFC 4226),
// HMAC-SHA1 of the secret (base32, as the setup page shows it) and the 30-second step, 6 digits.
// The server takes a code once, and the code of one step after the current one too: a test that
// just used a step's code takes the next step's, waiting when that is not near yet.
import { createHmac } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The bytes of a base32 secret; spaces, padding and case do not matter. */
export function base32Bytes(secret: string): Buffer {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of secret.toUpperCase().replace(/[\s=]/g, '')) {
    const index = alphabet.indexOf(char);
    if (index === -1) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** The 30-second step of `time` (milliseconds since the epoch). */
export function stepAt(time: number): number {
  return Math.floor(time / 1000 / 30);
}

/** The 6-digit code of `step`. */
export function totpCode(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Bytes(secret)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const number = mac.readUInt32BE(offset) & 0x7fffffff;
  return (number % 1_000_000).toString().padStart(6, '0');
}

/**
 * A code the server takes now: the current step's, or the one after `usedStep` (the last step
 * whose code was used) when that is later, after waiting until it is at most one step ahead.
 */
export async function freshCode(secret: string, usedStep = -1): Promise<{ code: string; step: number }> {
  const step = Math.max(stepAt(Date.now()), usedStep + 1);
  while (step > stepAt(Date.now()) + 1) await new Promise((resolve) => setTimeout(resolve, 500));
  return { code: totpCode(secret, step), step };
}

/** Six digits that are the code of no step near now. */
export function wrongCode(secret: string): string {
  const now = stepAt(Date.now());
  const near = new Set([-2, -1, 0, 1, 2].map((offset) => totpCode(secret, now + offset)));
  for (let candidate = 123456; ; candidate += 1) {
    const code = candidate.toString().padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

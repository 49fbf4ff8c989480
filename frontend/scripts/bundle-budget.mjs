// Fails the build when the JavaScript the first page loads grows past its gzipped budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Kilobytes, gzipped: React and Relay take about 130 of them. */
const BUDGET_KB = 150;

const dist = path.resolve(import.meta.dirname, '..', 'dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map(
  (match) => match[1],
);
let total = 0;
for (const script of scripts) {
  const size = gzipSync(readFileSync(path.join(dist, script))).length;
  total += size;
  console.log(`${script}: ${(size / 1024).toFixed(1)} kB gzipped`);
}
console.log(`first page: ${(total / 1024).toFixed(1)} kB of JavaScript gzipped (budget ${BUDGET_KB} kB)`);
if (scripts.length === 0 || total > BUDGET_KB * 1024) {
  console.error(scripts.length === 0 ? 'no script found in dist/index.html' : 'over budget');
  process.exit(1);
}

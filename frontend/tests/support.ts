// What the browser tests share: failing on Content-Security-Policy violations and uncaught
// errors, and a `rookery serve` of a test's own on a fresh database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';

/** Fails the test on any Content-Security-Policy violation or uncaught error. */
export function watchForErrors(page: Page, errors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
}

/** A running `rookery serve` and what it printed. */
export interface OwnServer {
  origin: string;
  /** Everything written to stdout so far. */
  stdout: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts `$ROOKERY_BIN serve` on `port` with an empty SQLite database in a temporary
 * directory, and waits until it answers /health.
 */
export async function startServer(port: number, env: Record<string, string> = {}): Promise<OwnServer> {
  const binary = process.env.ROOKERY_BIN;
  if (binary === undefined || binary === '') throw new Error('Set ROOKERY_BIN to a built `rookery` binary.');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rookery-e2e-own-'));
  const origin = `http://localhost:${port}`;
  let out = '';
  let err = '';
  const child: ChildProcess = spawn(binary, ['serve'], {
    env: {
      ...process.env,
      ROOKERY_DATA_DIR: dataDir,
      ROOKERY_SERVER__LISTEN: `127.0.0.1:${port}`,
      ROOKERY_INSTANCE__DOMAIN: `localhost:${port}`,
      ROOKERY_LOG__LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`rookery serve exited with ${child.exitCode}:\n${err}`);
    }
    try {
      const health = await fetch(`${origin}/health`);
      if (health.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`rookery serve did not answer on ${origin} within a minute:\n${err}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { origin, stdout: () => out, stop };
}

/** The setup link a fresh server prints after "Create the owner's account at:". */
export async function setupLink(server: OwnServer): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = /Create the owner's account at:\s*(\S+)/.exec(server.stdout());
    if (found?.[1] !== undefined) return found[1];
    if (Date.now() > deadline) throw new Error(`no setup link in the server's output:\n${server.stdout()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

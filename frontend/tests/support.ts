// What the browser tests share: failing on Content-Security-Policy violations and uncaught
// errors, signing up, staff made with the command line, axe, and a `rookery serve` of a
// test's own on a fresh database.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

/** The password of the people `createStaff` makes. */
export const staffPassword = 'correct horse battery staple';

/** Makes `username` a holder of `role` on the tests' server with its command line, as an operator would. */
export function createStaff(username: string, role: 'owner' | 'admin' | 'moderator'): void {
  const binary = process.env.ROOKERY_BIN ?? '';
  const dataDir = process.env.ROOKERY_E2E_DATA_DIR ?? '';
  const args = ['admin', 'create-user', '--username', username, '--email', `${username}@example.com`];
  execFileSync(binary, [...args, '--role', role, '--password-stdin'], {
    input: `${staffPassword}\n`,
    env: { ...process.env, ROOKERY_DATA_DIR: dataDir, ROOKERY_LOG__LEVEL: 'warn' },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
}

/** Signs `page` in as `username` through the session endpoint the web client uses. */
export async function signInAs(page: Page, username: string, password = staffPassword): Promise<void> {
  const signedIn = await page.request.post('/auth/session', {
    headers: { 'X-Rookery-CSRF': '1' },
    data: { username, password },
  });
  expect(signedIn.ok()).toBe(true);
}

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
  /** Everything written to stderr so far. */
  stderr: () => string;
  /** Stops the server for good and deletes its data. */
  stop: () => Promise<void>;
  /** Stops the server, keeping its data, as when it goes down. */
  halt: () => Promise<void>;
  /** Starts the halted server again on the same port and data, and waits until it answers. */
  resume: () => Promise<void>;
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
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const halt = async () => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const stop = async () => {
    await halt();
    rmSync(dataDir, { recursive: true, force: true });
  };

  const launch = async () => {
    const started = spawn(binary, ['serve'], {
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
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));

    const deadline = Date.now() + 60_000;
    for (;;) {
      if (started.exitCode !== null) {
        await stop();
        throw new Error(`rookery serve exited with ${started.exitCode}:\n${err}`);
      }
      try {
        const health = await fetch(`${origin}/health`);
        if (health.ok) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`rookery serve did not answer on ${origin} within a minute:\n${err}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  await launch();
  return { origin, stdout: () => out, stderr: () => err, stop, halt, resume: launch };
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

/**
 * Signs up `username` on the server at `origin` (the tests' own by default) and waits for home,
 * signed in as them.
 */
export async function signUp(page: Page, username: string, origin = ''): Promise<void> {
  await page.goto(`${origin}/sign-up`);
  await expect(page.getByText('Anyone may sign up here.')).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.com`);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(page.getByText(`Signed in as @${username}`)).toBeVisible();
}

/**
 * A page in a browser context of its own (cookies of its own), watched for errors into
 * `errors`, signed up as `username` on the server at `origin`.
 */
export async function signedUpPage(browser: Browser, username: string, errors: string[], origin = ''): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  watchForErrors(page, errors);
  await signUp(page, username, origin);
  return page;
}

/** A username no other test on the same server has: `prefix` and the time. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}`;
}

/** Runs a GraphQL document as the page's signed-in person, and returns its data. */
export async function graphql<T = Record<string, unknown>>(
  page: Page,
  query: string,
  variables: Record<string, unknown> = {},
  origin = '',
): Promise<T> {
  const response = await page.request.post(`${origin}/graphql`, {
    headers: { 'X-Rookery-CSRF': '1' },
    data: { query, variables },
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors !== undefined || body.data === undefined) throw new Error(JSON.stringify(body));
  return body.data;
}

/**
 * Resolves once the page subscribes to `field` over a live connection opened after this call
 * (call it before the page that opens the connection loads).
 */
export function subscribed(page: Page, field: string): Promise<void> {
  return new Promise((resolve) => {
    page.on('websocket', (socket) =>
      socket.on('framesent', (frame) => {
        if (typeof frame.payload === 'string' && frame.payload.includes('"subscribe"') && frame.payload.includes(field)) {
          resolve();
        }
      }),
    );
  });
}

/** Fails unless axe finds no serious or critical violation on the page as it is now. */
export async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

// The main scenario on PostgreSQL: a `rookery serve` of this spec's own on a database made for
// it (dropped afterwards), where two people post, read live and favourite.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { startServer, type OwnServer } from './support';
import { twoPeoplePostAndFavourite } from './two-people';

// The tests' own server runs on ROOKERY_E2E_PORT; this one well above the others.
const port = Number(process.env.ROOKERY_E2E_PORT ?? 18080) + 20;
// Where databases are made, as for the server's own tests.
const adminUrl = process.env.ROOKERY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const required = ['1', 'true'].includes(process.env.ROOKERY_TEST_REQUIRE_SERVICES ?? '');

/** Runs `sql` with psql on the database at `url`; what it printed, unaligned, without headers. */
function psqlAt(url: string, sql: string): string {
  return execFileSync('psql', [url, '--no-psqlrc', '--quiet', '--tuples-only', '--no-align', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    stdio: 'pipe',
  })
    .toString()
    .trim();
}

/** Runs `sql` on the administrative database; psql's error, or null on success. */
function psql(sql: string): string | null {
  try {
    psqlAt(adminUrl, sql);
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    return `${(error as Error).message}\n${stderr}`;
  }
}

/** The URL of database `name` on the administrative database's server. */
function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.href;
}

let server: OwnServer | undefined;
let database: string | undefined;

test.afterEach(async () => {
  await server?.stop();
  server = undefined;
  if (database !== undefined) {
    const failed = psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    database = undefined;
    if (failed !== null) throw new Error(`could not drop the test database: ${failed}`);
  }
});

test('on PostgreSQL, a post reaches another person live and their favourite reaches its author', async ({ browser }) => {
  test.setTimeout(90_000);
  const name = `rookery_e2e_${randomBytes(6).toString('hex')}`;
  const failed = psql(`CREATE DATABASE ${name}`);
  if (failed !== null) {
    if (required) throw new Error(`PostgreSQL is not reachable at ${adminUrl}: ${failed}`);
    test.skip(true, `PostgreSQL is not reachable at ${adminUrl}`);
    return;
  }
  database = name;
  server = await startServer(port, {
    ROOKERY_DATABASE__URL: databaseUrl(name),
    // On PostgreSQL the key that seals secrets is given, never made.
    ROOKERY_SECRETS__KEY: randomBytes(32).toString('base64'),
    ROOKERY_INSTANCE__REGISTRATION: 'open',
  });
  const { author, reader } = await twoPeoplePostAndFavourite(browser, server.origin);
  // What they did is in that database.
  expect(psqlAt(databaseUrl(name), `SELECT count(*) FROM accounts WHERE username IN ('${author}', '${reader}')`)).toBe('2');
});

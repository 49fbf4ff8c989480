// A fresh server prints a setup link; whoever opens it creates the owner's account, names
// the server and chooses who can sign up, once: the same link then changes nothing.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { setupLink, startServer, watchForErrors, type OwnServer } from './support';

// The link is printed only while the server has no admin: this test has a server of its own.
const port = Number(process.env.ROOKERY_E2E_PORT ?? 18080) + 1;

let server: OwnServer | undefined;

test.beforeAll(async () => {
  server = await startServer(port, {
    ROOKERY_INSTANCE__NAME: 'Unnamed',
    ROOKERY_INSTANCE__REGISTRATION: 'closed',
  });
});

test.afterAll(async () => {
  await server?.stop();
});

interface Claim {
  username: string;
  name: string;
  description: string;
  mode: RegExp;
}

async function fillSetup(page: Page, claim: Claim): Promise<void> {
  await page.getByLabel('Username').fill(claim.username);
  await page.getByLabel('Email').fill(`${claim.username}@example.com`);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByLabel('Server name').fill(claim.name);
  await page.getByLabel('Description').fill(claim.description);
  await page.getByRole('radio', { name: claim.mode }).check();
  await page.getByRole('button', { name: 'Create the owner’s account' }).click();
}

test('the setup link creates the owner and names the server, once', async ({ browser }) => {
  if (server === undefined) throw new Error('no server');
  const link = await setupLink(server);
  expect(link).toMatch(new RegExp(`^${server.origin}/setup/rks_[A-Za-z0-9_-]+$`));
  const errors: string[] = [];
  const page = await (await browser.newContext()).newPage();
  watchForErrors(page, errors);

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up this server' })).toBeVisible();
  const accessibility = await new AxeBuilder({ page }).analyze();
  expect(accessibility.violations.map((violation) => violation.id)).toEqual([]);

  await fillSetup(page, {
    username: 'owner',
    name: 'Birds of a Feather',
    description: 'A place for birders.',
    mode: /^With approval/,
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(page).toHaveURL(`${server.origin}/`);
  await expect(page.getByText('Signed in as @owner')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Birds of a Feather' })).toBeVisible();

  // Signed out, the sign-up page shows the name, description and mode the owner chose.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto(`${server.origin}/sign-up`);
  await expect(page.getByRole('heading', { level: 1, name: 'Join Birds of a Feather' })).toBeVisible();
  await expect(page.getByText('A place for birders.')).toBeVisible();
  await expect(page.getByText('Sign-ups here wait for a moderator’s approval.')).toBeVisible();

  // The same link again: refused, and nothing changes.
  await page.goto(link);
  await fillSetup(page, {
    username: 'intruder',
    name: 'Taken Over',
    description: 'Mine now.',
    mode: /^Open/,
  });
  await expect(page.getByRole('alert')).toHaveText(/This setup link is wrong or has already been used/);
  await expect(page.getByRole('button', { name: 'Create the owner’s account' })).toBeEnabled();
  await expect(page.getByText(/Signed in as/)).toHaveCount(0);
  await page.goto(`${server.origin}/sign-up`);
  await expect(page.getByRole('heading', { level: 1, name: 'Join Birds of a Feather' })).toBeVisible();
  await expect(page.getByText('A place for birders.')).toBeVisible();
  await expect(page.getByText('Sign-ups here wait for a moderator’s approval.')).toBeVisible();

  // The second claim made no account: its password does not sign in.
  await page.goto(`${server.origin}/sign-in`);
  await page.getByLabel('Username or email').fill('intruder');
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('That username or password is not right.');

  expect(errors).toEqual([]);
});

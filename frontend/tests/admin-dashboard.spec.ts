// Sign-ups with approval: an administrator asks for approval, a visitor signs up with a
// reason and cannot sign in yet, the dashboard counts the sign-up waiting, and once a
// moderator approves it from the list, its owner signs in; the dashboard then shows the media
// store's size, once measured.
import { expect, test, type Page } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, graphql, signInAs, staffPassword, watchForErrors } from './support';

const password = staffPassword;


async function registrationMode(page: Page): Promise<string> {
  const data = await graphql<{ instance: { registrationMode: string } }>(page, '{ instance { registrationMode } }');
  return data.instance.registrationMode;
}

test('a sign-up waiting for approval is counted on the dashboard, approved, and then signs in', async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const adminName = `admin_${suffix}`;
  createStaff(adminName, 'admin');
  const admin = await (await browser.newContext()).newPage();
  watchForErrors(admin, errors);
  await signInAs(admin, adminName);

  try {
    // The administrator asks for approval of sign-ups, in the server's settings.
    await admin.goto('/admin/settings');
    await admin.getByRole('radio', { name: /^With approval/ }).check();
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => registrationMode(admin)).toBe('APPROVAL');
    const before = await graphql<{ adminDashboard: { pendingSignUps: number } }>(admin, '{ adminDashboard { pendingSignUps } }');

    // A visitor signs up, saying why, and is told to wait.
    const name = `knitter_${suffix}`;
    const reason = `I knit and want to show it ${suffix}`;
    const visitor = await (await browser.newContext()).newPage();
    watchForErrors(visitor, errors);
    await visitor.goto('/sign-up');
    await expect(visitor.getByText('Sign-ups here wait for a moderator’s approval.')).toBeVisible();
    await visitor.getByLabel('Username').fill(name);
    await visitor.getByLabel('Email').fill(`${name}@example.com`);
    await visitor.getByLabel('Password').fill(password);
    await visitor.getByLabel('Why do you want to join?').fill(reason);
    await visitor.getByRole('button', { name: 'Sign up' }).click();
    await expect(visitor.getByText(/Your account waits for a moderator’s approval/)).toBeVisible();
    const early = await visitor.request.post('/auth/session', {
      headers: { 'X-Rookery-CSRF': '1' },
      data: { username: name, password },
    });
    expect(early.ok()).toBe(false);

    // The dashboard counts it, and leads to the sign-ups waiting.
    await admin.goto('/admin/dashboard');
    await expect(admin.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    const waiting = admin.locator('.admin-figure').filter({ hasText: 'Sign-ups waiting' });
    await expect(waiting.locator('dd')).toHaveText(String(before.adminDashboard.pendingSignUps + 1));
    await expect(admin.getByRole('img', { name: /^Sign-ups per day/ })).toBeVisible();
    await expect(admin.getByRole('img', { name: /^Active people per day/ })).toBeVisible();
    await expect(admin.getByRole('img', { name: /^Reports per day/ })).toBeVisible();
    await expect(admin.getByRole('img', { name: /^Media storage per day/ })).toBeVisible();
    await admin.getByLabel('Days shown').selectOption('7');
    await expect(admin.getByRole('img', { name: /^Sign-ups per day/ }).locator('rect')).toHaveCount(7);
    await expectNoSeriousViolations(admin);
    await waiting.getByRole('link', { name: 'Sign-ups waiting' }).click();
    await expect(admin).toHaveURL(/\/admin\/approvals$/);

    // The moderator reads what the visitor wrote, and approves.
    const row = admin.getByRole('listitem').filter({ hasText: `@${name}` });
    await expect(row).toContainText(reason);
    await expect(row).toContainText(`${name}@example.com`);
    await expectNoSeriousViolations(admin);
    await row.getByRole('button', { name: `Approve @${name}` }).click();
    await expect(row).toHaveCount(0);
    const account = await graphql<{ adminAccounts: { nodes: { approved: boolean; account: { acct: string } }[] } }>(
      admin,
      'query($q: String!) { adminAccounts(filter: {query: $q}) { nodes { approved account { acct } } } }',
      { q: name },
    );
    expect(account.adminAccounts.nodes.find((node) => node.account.acct === name)?.approved).toBe(true);

    // Now they sign in.
    await visitor.goto('/sign-in');
    await visitor.getByLabel('Username or email').fill(name);
    await visitor.getByLabel('Password').fill(password);
    await visitor.getByRole('button', { name: 'Sign in' }).click();
    await expect(visitor.getByText(`Signed in as @${name}`)).toBeVisible();

    // The media store's size, with when it was measured: maintenance measures it when the
    // server starts, then hourly.
    await admin.goto('/admin/dashboard');
    const storage = admin.locator('.admin-figure').filter({ hasText: 'Media storage' });
    await expect(async () => {
      await admin.reload();
      await expect(storage.locator('dd').first()).toHaveText(/^[\d,]+(?:\.\d)? (?:B|KB|MB|GB)$/, { timeout: 2_000 });
    }).toPass({ timeout: 20_000, intervals: [1_000] });
    await expect(storage.locator('dd time')).toHaveText(/^Measured /);
  } finally {
    // Other tests on this server sign up at once.
    await graphql(admin, 'mutation { updateInstance(input: {registrationMode: OPEN}) { instance { registrationMode } } }');
  }
  expect(errors).toEqual([]);
});

// Passwords: someone changes theirs in Settings, which signs their other browser out; the old
// one no longer signs in and the new one does. Someone who forgot theirs follows "Forgot your
// password?" from the sign-in page, reads the mail the server wrote (with no SMTP configured it
// writes each mail as a file under `<data dir>/mail`), sets a new password with its link and
// signs in with it; the same link a second time is refused.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations, signUp, uniqueName, watchForErrors } from './support';

const firstPassword = 'correct horse battery staple';

async function signInWith(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Sign in', exact: true }).first()).toBeVisible();
}

/** A mail's text with quoted-printable soft line breaks and `=3D` undone, and base64 parts decoded beside it. */
function readable(mail: string): string {
  const unquoted = mail.replace(/=\r?\n/g, '').replaceAll('=3D', '=');
  const decoded = [...mail.matchAll(/Content-Transfer-Encoding:\s*base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi)].map((part) =>
    Buffer.from((part[1] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8'),
  );
  return [unquoted, ...decoded].join('\n');
}

/** The path and query of the reset link in the newest mail to `address`, waiting for the mail to be written. */
async function resetLinkMailedTo(address: string): Promise<string> {
  const dataDir = process.env.ROOKERY_E2E_DATA_DIR ?? '';
  const mailDir = path.join(dataDir, 'mail');
  const deadline = Date.now() + 30_000;
  for (;;) {
    let names: string[] = [];
    try {
      names = readdirSync(mailDir).filter((name) => name.endsWith('.eml'));
    } catch {
      // No mail written yet.
    }
    const newestFirst = names
      .map((name) => path.join(mailDir, name))
      .map((file) => ({ file, time: statSync(file).mtimeMs }))
      .sort((a, b) => b.time - a.time);
    for (const { file } of newestFirst) {
      const text = readable(readFileSync(file, 'utf8'));
      if (!text.includes(address)) continue;
      const found = /\/reset-password\?token=([^\s"'<>&]+)/.exec(text);
      if (found?.[1] !== undefined) return `/reset-password?token=${found[1]}`;
    }
    if (Date.now() > deadline) throw new Error(`no reset mail to ${address} in ${mailDir}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test('a changed password signs the other sessions out; the old one no longer signs in, the new one does', async ({
  browser,
  page,
}) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  watchForErrors(page, errors);
  const username = uniqueName('plover');
  const newPassword = 'a brand new passphrase';
  await signUp(page, username);

  // The same person is signed in in another browser too.
  const other = await (await browser.newContext()).newPage();
  watchForErrors(other, errors);
  await signInWith(other, username, firstPassword);
  await expect(other.getByText(`Signed in as @${username}`)).toBeVisible();

  await page.goto('/settings/profile');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Password' })).toBeFocused();
  await expect(page.getByLabel('Keep my other sessions signed in')).not.toBeChecked();
  await expectNoSeriousViolations(page);

  // A wrong current password is refused at its field.
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat new password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not your current password.');
  await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');

  // Two new passwords that differ are not sent.
  await page.getByLabel('Current password').fill(firstPassword);
  await page.getByLabel('Repeat new password').fill(`${newPassword}!`);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toHaveText('The two new passwords are not the same.');

  await page.getByLabel('Repeat new password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  const changed = page.getByRole('status').filter({ hasText: 'Your password is changed.' });
  await expect(changed).toBeVisible();
  await expect(changed).toHaveText(/Your password is changed\. \d+ other sessions? (was|were) signed out\./);
  await expect(changed).not.toContainText('No other session');
  await expect(page.getByLabel('Current password')).toHaveValue('');

  // This browser stays signed in; the other one is signed out.
  await page.reload();
  await expect(page.getByText(`Signed in as @${username}`)).toBeVisible();
  await other.reload();
  await expect(other.getByRole('link', { name: 'Sign in', exact: true }).first()).toBeVisible();
  await expect(other.getByText(`Signed in as @${username}`)).toHaveCount(0);

  await signOut(page);
  await signInWith(page, username, firstPassword);
  await expect(page.getByRole('alert')).toHaveText('That username or password is not right.');
  await expect(page.getByText(`Signed in as @${username}`)).toHaveCount(0);

  await signInWith(page, username, newPassword);
  await expect(page.getByText(`Signed in as @${username}`)).toBeVisible();
  expect(errors).toEqual([]);
});

test('a forgotten password is reset with the mailed link, which works once', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  watchForErrors(page, errors);
  const username = uniqueName('dunlin');
  const email = `${username}@example.com`;
  const newPassword = 'remembered at last 42';
  await signUp(page, username);
  await signOut(page);

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Forgot your password?' })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByLabel('Email or username').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'If an account matches, a mail with a link is on its way.' }),
  ).toHaveText('If an account matches, a mail with a link is on its way. The link works once, for an hour.');

  const link = await resetLinkMailedTo(email);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat new password').fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Password changed.' })).toHaveText('Password changed.');
  await page.getByRole('link', { name: 'Sign in with your new password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password').fill(newPassword);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(`Signed in as @${username}`)).toBeVisible();

  // The same link a second time is refused, with the way to ask for another.
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill('yet another passphrase');
  await page.getByLabel('Repeat new password').fill('yet another passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toHaveText('This link is not valid or has expired.');
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');

  // The password the link would have set does not sign in; the one it set still does.
  await signOut(page);
  await signInWith(page, username, 'yet another passphrase');
  await expect(page.getByRole('alert')).toHaveText('That username or password is not right.');
  expect(errors).toEqual([]);
});

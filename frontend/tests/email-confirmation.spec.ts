// Email confirmation: an administrator asks new accounts to confirm their address; someone who
// signs up then sees the banner saying so, may write a note to themselves but not post, reads
// the mail the server wrote (with no SMTP configured it writes each mail as a file under
// `<data dir>/mail`), follows its link, and posts. They then change their address in Settings
// with their password: the new one waits until its link is followed, then is theirs, and the
// old one is told. A link followed once is refused the second time.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, graphql, signInAs, signUp, uniqueName, watchForErrors } from './support';

const password = 'correct horse battery staple';
const adminName = uniqueName('admin_mail');
const notConfirmed = 'Confirm your email address first: follow the link we mailed you. Until then you can write notes to yourself only.';

/** A mail's text with quoted-printable soft line breaks and `=3D` undone, and base64 parts decoded beside it. */
function readable(mail: string): string {
  const unquoted = mail.replace(/=\r?\n/g, '').replaceAll('=3D', '=');
  const decoded = [...mail.matchAll(/Content-Transfer-Encoding:\s*base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi)].map((part) =>
    Buffer.from((part[1] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8'),
  );
  return [unquoted, ...decoded].join('\n');
}

/** The text of the newest mail to `address` that `pattern` matches, waiting for it to be written; `pattern`'s first group. */
async function mailedTo(address: string, pattern: RegExp): Promise<string> {
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
      const found = pattern.exec(text);
      if (found?.[1] !== undefined) return found[1];
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${address} matching ${pattern} in ${mailDir}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The path and query of the confirmation link in the newest mail to `address`. */
async function confirmationLinkMailedTo(address: string): Promise<string> {
  const token = await mailedTo(address, /\/confirm-email\?token=([^\s"'<>&]+)/);
  return `/confirm-email?token=${token}`;
}

async function setRequireConfirmation(page: Page, on: boolean): Promise<void> {
  await page.goto('/admin/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Server settings' })).toBeVisible();
  const box = page.getByRole('checkbox', { name: 'New accounts confirm their email address' });
  await box.setChecked(on);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The settings are saved.' })).toBeVisible();
}

// The other specs' visitors sign up on the same server: put the setting back however this one ends.
test.afterAll(async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, adminName);
  await graphql(page, 'mutation { updateInstance(input: { requireEmailConfirmation: false }) { instance { requireEmailConfirmation } } }');
  await page.context().close();
});

test('a new account confirms its address with the mailed link before posting, then changes it in Settings', async ({ browser }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  createStaff(adminName, 'admin');
  const admin = await (await browser.newContext()).newPage();
  watchForErrors(admin, errors);
  await signInAs(admin, adminName);
  await setRequireConfirmation(admin, true);
  await admin.reload();
  await expect(admin.getByRole('checkbox', { name: 'New accounts confirm their email address' })).toBeChecked();
  await expectNoSeriousViolations(admin);

  const page = await (await browser.newContext()).newPage();
  watchForErrors(page, errors);
  const username = uniqueName('wren');
  const email = `${username}@example.com`;
  const moved = `${username}_moved@example.com`;
  await signUp(page, username);

  // The banner says where the link went and what waits for it.
  const banner = page.getByRole('region', { name: 'Email confirmation' });
  await expect(banner).toContainText(
    `Confirm your email address: we sent a link to ${email}. Until then you can write notes to yourself, but not post, boost or follow.`,
  );
  await expectNoSeriousViolations(page);
  // The link just went out: another is not sent at once.
  await banner.getByRole('button', { name: 'Send the link again' }).click();
  await expect(banner.getByRole('alert')).toHaveText(
    'A link went out a moment ago. Wait a minute before asking for another (at most five are sent a day).',
  );

  // A public post is refused, saying why.
  const composer = page.getByRole('form', { name: 'New post' });
  const refused = `Not yet ${username}`;
  await composer.getByRole('textbox', { name: 'What’s on your mind?' }).fill(refused);
  await composer.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(composer.getByRole('alert')).toHaveText(notConfirmed);

  // A note to oneself is fine.
  const note = `Confirm the address ${username}`;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notes' }).click();
  await page.getByRole('textbox', { name: 'New note' }).fill(note);
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByRole('article').filter({ hasText: note })).toBeVisible();

  // The mailed link confirms the address; the banner is gone and posting works.
  const firstLink = await confirmationLinkMailedTo(email);
  await page.goto(firstLink);
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm your email address' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'is confirmed' })).toHaveText(`Your address ${email} is confirmed.`);
  await expect(banner).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await page.getByRole('link', { name: 'Go to your home timeline' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(banner).toHaveCount(0);
  const posted = `Confirmed and posting ${username}`;
  await composer.getByRole('textbox', { name: 'What’s on your mind?' }).fill(posted);
  await composer.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByRole('article').filter({ hasText: posted })).toBeVisible();
  await page.reload();
  await expect(page.getByText(`Signed in as @${username}`)).toBeVisible();
  await expect(banner).toHaveCount(0);

  // Settings → Email: the address is confirmed; a new one needs the password.
  await page.goto('/settings/profile');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Email' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email' })).toBeFocused();
  const addresses = page.locator('dl.email-settings');
  await expect(addresses).toContainText(email);
  await expect(addresses).toContainText('confirmed');
  await expect(addresses).not.toContainText('not confirmed');
  await expectNoSeriousViolations(page);
  await page.getByLabel('New address').fill(moved);
  await page.getByLabel('Current password').fill('not my password');
  await page.getByRole('button', { name: 'Change address' }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not your current password.');
  await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Current password').fill(password);
  await page.getByRole('button', { name: 'Change address' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'We sent a link to' })).toHaveText(
    `We sent a link to ${moved}. Your address changes when you follow it.`,
  );
  await expect(addresses).toContainText(`Waiting to be confirmed${moved} waiting for you to follow the link sent there`);
  await page.reload();
  await expect(addresses).toContainText(email);
  await expect(addresses).toContainText(moved);
  await expect(page.getByRole('button', { name: 'Send the link again' })).toBeVisible();
  await expect(banner).toHaveCount(0);

  // The link mailed to the new address makes it the account's; the old one is told.
  const secondLink = await confirmationLinkMailedTo(moved);
  await page.goto(secondLink);
  await expect(page.getByRole('status').filter({ hasText: 'is confirmed' })).toHaveText(`Your address ${moved} is confirmed.`);
  await page.goto('/settings/email');
  await expect(page.getByRole('heading', { level: 1, name: 'Email' })).toBeVisible();
  await expect(addresses).toContainText(moved);
  await expect(addresses).toContainText('confirmed');
  await expect(addresses).not.toContainText(email);
  await expect(addresses).not.toContainText('Waiting to be confirmed');
  await expect(page.getByRole('button', { name: 'Send the link again' })).toHaveCount(0);
  await mailedTo(email, /(was changed from)/);

  // A link followed once is refused the second time.
  await page.goto(firstLink);
  await expect(page.getByRole('alert')).toHaveText('This link is not valid or has expired.');
  await expect(page.getByRole('link', { name: 'Email settings' })).toHaveAttribute('href', '/settings/email');
  await expectNoSeriousViolations(page);

  await setRequireConfirmation(admin, false);
  expect(errors).toEqual([]);
});

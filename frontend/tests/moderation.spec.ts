// Moderation from a report: a reader reports a spammer's post; an administrator opens the
// report from the queue and suspends the spammer in three presses, which hides the post and
// ends the spammer's session; unsuspending from the account's page brings the post back.
import { expect, test, type Locator } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, graphql, signedUpPage, signInAs, staffPassword, watchForErrors } from './support';

const password = staffPassword;


test('a report settled by suspending from the queue in three presses, and undone from the account', async ({ browser }) => {
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const adminName = `admin_${suffix}`;
  const spammerName = `spammer_${suffix}`;
  createStaff(adminName, 'admin');

  const spammer = await signedUpPage(browser, spammerName, errors);
  const reader = await signedUpPage(browser, `reader_${suffix}`, errors);
  const text = `Cheap pills, click here ${suffix}`;
  await graphql(spammer, 'mutation($t: String!) { createStatus(input: {text: $t}) { status { id } } }', { t: text });

  // The reader finds it on the public timeline and reports it as spam.
  await reader.goto('/local');
  const article = reader.getByRole('article').filter({ hasText: text });
  await expect(article).toBeVisible();
  const address = await article.locator('a.status__time').getAttribute('href');
  if (address === null) throw new Error('the post has no address');
  await article.getByRole('button', { name: /^More for the post by/ }).click();
  await reader.getByRole('menuitem', { name: `Report @${spammerName}` }).click();
  const dialog = reader.getByRole('dialog', { name: `Report @${spammerName}` });
  await dialog.getByRole('radio', { name: /^Spam/ }).check();
  const comment = `Sells pills in every reply ${suffix}`;
  await dialog.getByRole('textbox', { name: 'Comment' }).fill(comment);
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(reader.getByText('Thank you. The moderators will look at your report.')).toBeVisible();

  // The reader's role opens no moderation page: no link to them, and a refusal at /admin.
  await expect(reader.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' })).toHaveCount(0);
  await reader.goto('/admin');
  await expect(reader.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();

  // The administrator signs in and sees the link.
  const admin = await (await browser.newContext()).newPage();
  watchForErrors(admin, errors);
  await signInAs(admin, adminName);
  await admin.goto('/');
  await expect(admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' })).toBeVisible();

  // From the queue: open the report, Suspend, confirm.
  let presses = 0;
  const press = async (target: Locator) => {
    presses += 1;
    await target.click();
  };
  await admin.goto('/admin');
  await expect(admin.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await admin.goto('/admin/reports');
  await expect(admin.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  const moderation = admin.getByRole('navigation', { name: 'Moderation' });
  await expect(moderation.getByRole('link', { name: 'Reports' })).toBeVisible();
  await expect(moderation.getByRole('link', { name: 'Accounts' })).toBeVisible();
  const row = admin.getByRole('row').filter({ hasText: comment });
  await expect(row).toContainText(`@reader_${suffix}`);
  await expect(row).toContainText('Spam');
  await expectNoSeriousViolations(admin);
  await press(row.getByRole('link', { name: `@${spammerName}` }));

  await expect(admin.getByRole('heading', { level: 1, name: `Report on @${spammerName}` })).toBeVisible();
  await expect(admin.getByRole('article').filter({ hasText: text })).toBeVisible();
  await expect(admin.getByText(comment)).toBeVisible();
  await expectNoSeriousViolations(admin);
  await press(admin.getByRole('button', { name: 'Suspend', exact: true }));
  const confirm = admin.getByRole('dialog', { name: `Suspend @${spammerName}` });
  // The reason starts as the report's category.
  await expect(confirm.getByLabel('Reason', { exact: true })).toHaveValue('spam');
  await expectNoSeriousViolations(admin);
  await press(confirm.getByRole('button', { name: `Suspend @${spammerName}` }));
  await expect(admin.getByText(`Suspended: @${spammerName}. The report is resolved.`)).toBeVisible();
  expect(presses).toBeLessThan(5);
  await expect(admin.getByText(`Resolved by @${adminName}`)).toBeVisible();
  await expect(admin.getByRole('button', { name: 'Reopen' })).toBeVisible();

  // The post is gone from the public timeline and from its page.
  await reader.goto('/local');
  await expect(reader.getByRole('heading', { level: 1, name: 'Local timeline' })).toBeVisible();
  await expect(reader.getByRole('article').filter({ hasText: text })).toHaveCount(0);
  await reader.goto(address);
  await expect(reader.getByRole('heading', { name: 'Not here' })).toBeVisible();
  await expect(reader.getByText(text)).toHaveCount(0);

  // The spammer's open page loses its session, and signing in again is refused.
  await spammer.reload();
  await expect(spammer.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(spammer.getByText(`Signed in as @${spammerName}`)).toHaveCount(0);
  await spammer.goto('/sign-in');
  await spammer.getByLabel('Username').fill(spammerName);
  await spammer.getByLabel('Password').fill(password);
  await spammer.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await expect(spammer.getByRole('alert')).toHaveText('This account is disabled or suspended.');

  // The administrator unsuspends from the account's page, and the post is back.
  await admin.getByRole('link', { name: `Open @${spammerName}’s account` }).click();
  await expect(admin.getByRole('heading', { level: 1, name: `@${spammerName}` })).toBeVisible();
  await expect(admin.getByText(`${spammerName}@example.com`)).toBeVisible();
  await expectNoSeriousViolations(admin);
  await admin.getByRole('button', { name: 'Unsuspend' }).click();
  await expect(admin.getByText(`@${spammerName} is no longer suspended.`)).toBeVisible();
  await expect(admin.getByRole('button', { name: 'Unsuspend' })).toHaveCount(0);
  await expect(admin.getByRole('button', { name: 'Suspend', exact: true })).toBeVisible();

  await reader.goto('/local');
  await expect(reader.getByRole('article').filter({ hasText: text })).toBeVisible();
  await reader.goto(address);
  await expect(reader.getByRole('article').filter({ hasText: text })).toBeVisible();
  expect(errors).toEqual([]);
});

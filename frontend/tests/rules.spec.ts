// The server's rules: an administrator sets them, a visitor reads them before signing up, and
// a report of a violation cites the rules broken, which the moderators then read.
import { expect, test } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, graphql, signInAs, signUp, watchForErrors } from './support';


test('rules an administrator sets are read at sign-up and cited by a report', async ({ browser }) => {
  test.setTimeout(60_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const adminName = `admin_${suffix}`;
  createStaff(adminName, 'admin');
  const admin = await (await browser.newContext()).newPage();
  watchForErrors(admin, errors);
  await signInAs(admin, adminName);
  const kind = `Be kind ${suffix}`;
  const spam = `No spam ${suffix}`;
  await graphql(admin, 'mutation($r: [InstanceRuleInput!]!) { setInstanceRules(input: {rules: $r}) { rules { id } } }', {
    r: [{ text: kind, hint: 'No harassment, no slurs.' }, { text: spam }],
  });

  // A visitor reads them, in order, before signing up.
  const reader = await (await browser.newContext()).newPage();
  watchForErrors(reader, errors);
  await reader.goto('/sign-up');
  const rules = reader.getByRole('region', { name: 'The rules of this server' });
  await expect(rules.getByRole('listitem')).toHaveText([`${kind}No harassment, no slurs.`, spam]);
  await expectNoSeriousViolations(reader);
  await signUp(reader, `reader_${suffix}`);

  const author = await (await browser.newContext()).newPage();
  watchForErrors(author, errors);
  const authorName = `seller_${suffix}`;
  await signUp(author, authorName);
  const text = `Cheap watches, again ${suffix}`;
  await graphql(author, 'mutation($t: String!) { createStatus(input: {text: $t}) { status { id } } }', { t: text });

  // The reader reports the post as against the rules, and names the one broken.
  await reader.goto('/local');
  const article = reader.getByRole('article').filter({ hasText: text });
  await article.getByRole('button', { name: /^More for the post by/ }).click();
  await reader.getByRole('menuitem', { name: `Report @${authorName}` }).click();
  const dialog = reader.getByRole('dialog', { name: `Report @${authorName}` });
  await expect(dialog.getByRole('checkbox', { name: spam })).toHaveCount(0);
  await dialog.getByRole('radio', { name: /^Against this server’s rules/ }).check();
  await dialog.getByRole('checkbox', { name: spam }).check();
  await expectNoSeriousViolations(reader);
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(reader.getByText('Thank you. The moderators will look at your report.')).toBeVisible();

  // The moderators read which rule it breaks.
  const data = await graphql<{ reports: { category: string; account: { acct: string }; rules: { text: string }[] }[] }>(
    admin,
    '{ reports { category account { acct } rules { text } } }',
  );
  const report = data.reports.find((found) => found.account.acct === authorName);
  expect(report?.category).toBe('VIOLATION');
  expect(report?.rules).toEqual([{ text: spam }]);
  expect(errors).toEqual([]);
});

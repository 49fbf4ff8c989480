// Appealing while suspended: a moderator suspends a member with a reason; the member, refused at
// sign-in, opens "See why and appeal" with the same credentials, reads the reason and appeals
// (over a token of its own, the browser never signed in); "Done" signs that token out and brings
// the sign-in form back; the moderator finds the appeal waiting at /admin/appeals.
import { expect, test } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, graphql, signedUpPage, signInAs, staffPassword, watchForErrors } from './support';

test('a suspended person reads why at sign-in and appeals, and a moderator finds the appeal', async ({ browser }) => {
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const moderatorName = `mod_${suffix}`;
  const memberName = `gull_${suffix}`;
  createStaff(moderatorName, 'moderator');

  const member = await signedUpPage(browser, memberName, errors);
  const { viewer } = await graphql<{ viewer: { id: string } }>(member, '{ viewer { id } }');
  // Signing in again happens in a browser of its own, below.
  await member.context().close();

  const moderator = await (await browser.newContext()).newPage();
  watchForErrors(moderator, errors);
  await signInAs(moderator, moderatorName);

  // The moderator suspends the member from the account's page, with a reason of their own.
  const reason = `Selling fake tickets ${suffix}`;
  await moderator.goto(`/admin/accounts/${viewer.id}`);
  await expect(moderator.getByRole('heading', { level: 1, name: `@${memberName}` })).toBeVisible();
  await moderator.getByRole('button', { name: 'Suspend', exact: true }).click();
  const suspend = moderator.getByRole('dialog', { name: `Suspend @${memberName}` });
  await suspend.getByLabel('Details (optional)').fill(reason);
  await suspend.getByRole('button', { name: `Suspend @${memberName}` }).click();
  await expect(moderator.getByText(`Suspended: @${memberName}.`)).toBeVisible();

  // The member, in a browser of their own, is refused at sign-in and offered to see why.
  const person = await (await browser.newContext()).newPage();
  watchForErrors(person, errors);
  await person.goto('/sign-in');
  await person.getByLabel('Username or email').fill(memberName);
  await person.getByLabel('Password').fill(staffPassword);
  await person.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await expect(person.getByRole('alert')).toHaveText('This account is disabled or suspended.');
  const signedInToAppeal = person.waitForResponse(
    (response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('loginToAppeal'),
  );
  await person.getByRole('button', { name: 'See why and appeal' }).click();
  const { data } = (await (await signedInToAppeal).json()) as { data: { loginToAppeal: { token: string; standing: string } } };
  expect(data.loginToAppeal.standing).toBe('SUSPENDED');

  // They read that the account is suspended, and why.
  await expect(person.getByRole('heading', { level: 1, name: 'Account standing' })).toBeVisible();
  await expect(person.getByText('Your account is suspended: it cannot sign in, and its profile and posts are hidden.')).toBeVisible();
  const strike = person.getByRole('list', { name: 'Actions on your account' }).getByRole('listitem').filter({ hasText: reason });
  await expect(strike).toContainText('Suspended');
  await expect(strike).toContainText('You may appeal this until');
  await expectNoSeriousViolations(person);

  // They appeal it.
  const appealText = `I sold my own tickets to a friend ${suffix}`;
  await strike.getByRole('button', { name: 'Appeal', exact: true }).click();
  const form = strike.getByRole('form', { name: 'Appeal this action' });
  const field = form.getByLabel('Why should the moderators reconsider this?');
  await expect(field).toBeFocused();
  await field.fill(appealText);
  await form.getByRole('button', { name: 'Send appeal' }).click();
  await expect(strike.getByText('Appeal sent: a moderator will decide on it.')).toBeVisible();
  await expect(strike).toContainText(`You wrote: ${appealText}`);
  await expect(strike.getByRole('button', { name: 'Appeal', exact: true })).toHaveCount(0);
  await expectNoSeriousViolations(person);

  // The browser itself was never signed in.
  await expect(person.getByText(`Signed in as @${memberName}`)).toHaveCount(0);
  expect((await person.context().cookies()).length).toBe(0);

  // Done: back to the sign-in form, and the token no longer reaches the strikes.
  await person.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(person.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(person.getByRole('button', { name: 'See why and appeal' })).toHaveCount(0);
  const afterDone = await person.request.post('/graphql', {
    headers: { Authorization: `Bearer ${data.loginToAppeal.token}` },
    data: { query: '{ strikes { id } }' },
  });
  const refused = (await afterDone.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

  // The moderator finds the appeal waiting, with the strike.
  await moderator.goto('/admin/appeals');
  await expect(moderator.getByRole('heading', { level: 1, name: 'Appeals' })).toBeVisible();
  const waiting = moderator.getByRole('list', { name: 'Appeals: Waiting' }).getByRole('listitem').filter({ hasText: appealText });
  await expect(waiting).toBeVisible();
  await expect(waiting.getByRole('link', { name: `@${memberName}` })).toHaveAttribute('href', `/admin/accounts/${viewer.id}`);
  await expect(waiting).toContainText('Suspended');
  await expect(waiting).toContainText(reason);
  await expectNoSeriousViolations(moderator);
  expect(errors).toEqual([]);
});

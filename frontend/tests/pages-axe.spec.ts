// The pages no other spec checks pass axe (no serious or critical violation): signing in and
// up, the about page, the federated timeline, a profile's replies, media and follows, a page not found, and
// the signed-out views of pages that need an account.
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, graphql, signUp, uniqueName, watchForErrors } from './support';

test('signed out: sign-in, sign-up, a page not found, and pages that ask to sign in', async ({ page }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  // The server's name is whatever another spec last made it.
  const pages: [string, string | RegExp][] = [
    ['/sign-in', 'Sign in'],
    ['/sign-up', /^Join /],
    ['/about', /^About /],
    ['/no/such/page', 'Page not found'],
    ['/federated', 'Federated timeline'],
  ];
  for (const [path, heading] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectNoSeriousViolations(page);
  }
  for (const path of ['/notifications', '/lists', '/bookmarks', '/settings/profile']) {
    await page.goto(path);
    await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
    await expect(page.getByText('Loading…')).toHaveCount(0);
    await expectNoSeriousViolations(page);
  }
  expect(errors).toEqual([]);
});

test('signed in: the federated timeline and a profile’s replies, media and follows', async ({ page }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  const username = uniqueName('axe');
  await signUp(page, username);
  const { createStatus } = await graphql<{ createStatus: { status: { id: string } } }>(
    page,
    'mutation($input: CreateStatusInput!) { createStatus(input: $input) { status { id } } }',
    { input: { text: `A first word ${username}` } },
  );
  await graphql(page, 'mutation($input: CreateStatusInput!) { createStatus(input: $input) { status { id } } }', {
    input: { text: `And an answer ${username}`, inReplyToId: createStatus.status.id },
  });

  await page.getByRole('link', { name: 'Federated' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Federated timeline' })).toBeFocused();
  await expect(page.getByRole('article').filter({ hasText: `A first word ${username}` })).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.goto(`/@${username}/with_replies`);
  await expect(page.getByRole('article').filter({ hasText: `And an answer ${username}` })).toBeVisible();
  await expectNoSeriousViolations(page);
  for (const section of ['media', 'following']) {
    await page.goto(`/@${username}/${section}`);
    await expect(page.getByRole('heading', { level: 1, name: username })).toBeVisible();
    await expect(page.getByText('Loading…')).toHaveCount(0);
    await expectNoSeriousViolations(page);
  }
  expect(errors).toEqual([]);
});

// A followers-only post: its author's follower reads it; a stranger's browser, signed in or
// not, finds it neither on the author's profile nor at its own address.
import { expect, test, type Page } from '@playwright/test';
import { signedUpPage, watchForErrors } from './support';

const notFound = 'That could not be found, or you may not see it.';

async function post(page: Page, text: string, audience: RegExp): Promise<string> {
  const composer = page.getByRole('form', { name: 'New post' });
  await composer.getByRole('textbox', { name: 'What’s on your mind?' }).fill(text);
  const audiences = composer.locator('details', { has: page.locator('summary', { hasText: 'Who can see it' }) });
  if (!(await audiences.evaluate((details) => (details as HTMLDetailsElement).open))) {
    await audiences.locator('summary').click();
  }
  await composer.getByRole('radio', { name: audience }).check();
  await composer.getByRole('button', { name: 'Post', exact: true }).click();
  const posted = page.getByRole('article').filter({ hasText: text });
  await expect(posted).toBeVisible();
  const address = await posted.locator('a.status__time').getAttribute('href');
  if (address === null) throw new Error('the post has no address');
  return address;
}

test('a followers-only post is read by a follower and by no stranger', async ({ browser }) => {
  test.setTimeout(60_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const authorName = `author_${suffix}`;
  const author = await signedUpPage(browser, authorName, errors);
  const follower = await signedUpPage(browser, `follower_${suffix}`, errors);
  const stranger = await signedUpPage(browser, `stranger_${suffix}`, errors);
  const visitor = await (await browser.newContext()).newPage();
  watchForErrors(visitor, errors);

  await follower.goto(`/@${authorName}`);
  await follower.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(follower.getByRole('button', { name: 'Unfollow' })).toBeVisible();

  const open = `For everyone ${suffix}`;
  const closed = `For followers only ${suffix}`;
  await post(author, open, /^Public/);
  const address = await post(author, closed, /^Followers only/);

  // The follower reads it at home and at its address.
  await follower.goto('/');
  await expect(follower.getByRole('article').filter({ hasText: closed })).toBeVisible();
  await follower.goto(address);
  await expect(follower.getByRole('article').filter({ hasText: closed })).toBeVisible();

  // The stranger and the signed-out visitor see the public post on the profile, not the other,
  // and its address tells them nothing of it.
  for (const page of [stranger, visitor]) {
    await page.goto(`/@${authorName}`);
    await expect(page.getByRole('article').filter({ hasText: open })).toBeVisible();
    await expect(page.getByRole('article').filter({ hasText: closed })).toHaveCount(0);
    await page.goto(address);
    await expect(page.getByRole('heading', { name: 'Not here' })).toBeVisible();
    await expect(page.getByText(notFound)).toBeVisible();
    await expect(page.getByText(closed)).toHaveCount(0);
  }
  expect(errors).toEqual([]);
});

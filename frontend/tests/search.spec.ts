// Searching finds people and hashtags; a hashtag in a post and in the results opens its live
// timeline, which can be followed; a handle with its domain opens the profile.
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations, signUp, watchForErrors } from './support';

async function post(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'What’s on your mind?' }).fill(text);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByRole('article').filter({ hasText: text }).first()).toBeVisible();
}

async function search(page: Page, query: string): Promise<void> {
  const field = page.getByRole('searchbox', { name: 'Search people, hashtags and posts' });
  await field.fill(query);
  await field.press('Enter');
}

test('people and hashtags are found, and a hashtag is read live and followed', async ({ browser }) => {
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const context = await browser.newContext();
  const page = await context.newPage();
  watchForErrors(page, errors);
  const username = `finch_${suffix}`;
  const hashtag = `rookwatch${suffix}`;
  await signUp(page, username);
  await post(page, `Counting rooks today #${hashtag}`);

  // A hashtag in a post opens its timeline within the client.
  await page.getByRole('article').getByRole('link', { name: `#${hashtag}` }).click();
  await expect(page).toHaveURL(new RegExp(`/tags/${hashtag}$`));
  await expect(page.getByRole('heading', { level: 1, name: `#${hashtag}` })).toBeFocused();
  await expect(page.getByRole('article').filter({ hasText: 'Counting rooks today' })).toBeVisible();

  // People by the start of their name.
  await search(page, username.slice(0, -1));
  await expect(page).toHaveURL(/\/search\?q=finch_/);
  await expect(page.getByRole('heading', { level: 1, name: `Results for “${username.slice(0, -1)}”` })).toBeFocused();
  const people = page.getByRole('region', { name: 'People' });
  await expect(people.getByRole('link', { name: new RegExp(`@${username}`) })).toBeVisible();
  await expectNoSeriousViolations(page);

  // Hashtags by the start of theirs; the result opens the hashtag's timeline.
  await search(page, hashtag.slice(0, -2));
  const hashtags = page.getByRole('region', { name: 'Hashtags' });
  await expect(hashtags.getByRole('link', { name: `#${hashtag}` })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search people, hashtags and posts' })).toHaveValue(hashtag.slice(0, -2));
  await expectNoSeriousViolations(page);
  await hashtags.getByRole('link', { name: `#${hashtag}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `#${hashtag}` })).toBeFocused();

  // Following it survives a reload.
  await page.getByRole('button', { name: 'Follow hashtag' }).click();
  await expect(page.getByRole('button', { name: 'Unfollow hashtag' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Unfollow hashtag' })).toBeVisible();
  await expectNoSeriousViolations(page);

  // A post with the hashtag written elsewhere waits above the timeline until asked for.
  const elsewhere = await context.newPage();
  watchForErrors(elsewhere, errors);
  await elsewhere.goto('/');
  await post(elsewhere, `A second flock #${hashtag}`);
  await page.getByRole('button', { name: 'Show 1 new post' }).click();
  await expect(page.getByRole('article').first()).toContainText('A second flock');

  // A post's address is looked up and the post shown.
  // The post's time links to its page in the client, at the address its server gives it.
  const path = await page
    .getByRole('article')
    .filter({ hasText: 'Counting rooks today' })
    .locator('a.status__time')
    .getAttribute('href');
  const address = new URL(path ?? '', page.url()).href;
  expect(address).toMatch(/^http:\/\/localhost:\d+\/@finch_[a-z0-9]+\/[0-9a-f-]{36}$/);
  await search(page, address);
  const found = page.getByRole('region', { name: 'Found on its server' });
  await expect(found.getByRole('article')).toContainText('Counting rooks today');
  await expectNoSeriousViolations(page);

  // A handle with its domain is looked up and opens the profile.
  const host = new URL(page.url()).host;
  await search(page, `@${username}@${host}`);
  await expect(page).toHaveURL(new RegExp(`/@${username}$`));
  await expect(page.getByRole('heading', { level: 1, name: username })).toBeVisible();

  expect(errors).toEqual([]);
});

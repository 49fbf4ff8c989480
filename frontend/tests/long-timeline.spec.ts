// A long timeline keeps only the posts near the viewport in the page: scrolling reaches every
// post, back up and down again, and j walks past the posts first put in the page.
import { expect, test, type Page } from '@playwright/test';
import { graphql, signUp, watchForErrors } from './support';

const total = 120;

const postsInPage = (page: Page) => page.locator('article[data-post]').count();

test('a timeline of many posts puts only those near the viewport in the page', async ({ browser }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  watchForErrors(page, errors);
  await signUp(page, `long_${suffix}`);
  for (let number = 1; number <= total; number += 1) {
    await graphql(page, 'mutation($input: CreateStatusInput!) { createStatus(input: $input) { status { id } } }', {
      input: { text: `Post number ${number} of ${suffix}` },
    });
  }
  const post = (number: number) => page.getByRole('article').filter({ hasText: `Post number ${number} of ${suffix}` });

  await page.goto('/');
  await expect(post(total)).toBeVisible();
  // The first page holds 40 posts, but only those near the viewport are in the page.
  expect(await postsInPage(page)).toBeLessThan(40);

  // Scrolling down loads the rest and reaches the oldest post.
  const end = page.getByText('You have reached the end.');
  for (let step = 0; step < 80 && !((await end.isVisible()) && (await post(1).count()) > 0); step += 1) {
    await page.mouse.wheel(0, 3000);
    await page.waitForTimeout(100);
  }
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(post(1)).toBeInViewport();
  await expect(end).toBeInViewport();
  expect(await postsInPage(page)).toBeLessThan(50);
  await expect(post(total)).toHaveCount(0);

  // Back at the top, the newest post is there again, where it was.
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(post(total)).toBeInViewport();
  await expect(post(1)).toHaveCount(0);

  // j walks from the first post past those the page first held, each in view as it is focused.
  await page.keyboard.press('j');
  await expect(post(total)).toBeFocused();
  for (let step = 1; step < 60; step += 1) {
    // The next post is put in the page as the viewport comes to the focused one.
    await expect(post(total - step)).toHaveCount(1);
    await page.keyboard.press('j');
    await expect(post(total - step)).toBeFocused();
  }
  await expect(post(total - 59)).toBeInViewport();
  await page.keyboard.press('k');
  await expect(post(total - 58)).toBeFocused();
  expect(errors).toEqual([]);
});

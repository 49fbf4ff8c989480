// Two people sign up; one posts, and the other sees the post on the local timeline.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { watchForErrors } from './support';

async function signUp(page: Page, username: string): Promise<void> {
  await page.goto('/sign-up');
  await expect(page.getByText('Anyone may sign up here.')).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.com`);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(page.getByText(`Signed in as @${username}`)).toBeVisible();
}

test('a post reaches another person’s local timeline', async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const errors: string[] = [];

  const alice = await (await browser.newContext()).newPage();
  watchForErrors(alice, errors);
  await signUp(alice, `alice_${suffix}`);
  const text = `Hello from Alice ${suffix}`;
  await alice.getByRole('textbox', { name: 'What’s on your mind?' }).fill(text);
  await expect(alice.getByText(/characters left/)).toBeVisible();
  await alice.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(alice.getByRole('article').filter({ hasText: text })).toBeVisible();

  const bob = await (await browser.newContext()).newPage();
  watchForErrors(bob, errors);
  // The local timeline subscribes to new posts as it opens, over the live connection that a
  // signed-in page keeps open (for conversations) from the start.
  const subscribed = new Promise<void>((resolve) => {
    bob.on('websocket', (socket) =>
      socket.on('framesent', (frame) => {
        if (typeof frame.payload === 'string' && frame.payload.includes('publicTimelineUpdates')) resolve();
      }),
    );
  });
  await signUp(bob, `bob_${suffix}`);
  await bob.getByRole('link', { name: 'Local' }).click();
  await expect(bob.getByRole('heading', { level: 1, name: 'Local timeline' })).toBeFocused();
  const post = bob.getByRole('article').filter({ hasText: text });
  await expect(post).toBeVisible();
  await expect(post.getByText(`@alice_${suffix}`)).toBeVisible();

  // Alice posts again while Bob reads: it waits above his list until he asks for it.
  await subscribed;
  const second = `Second from Alice ${suffix}`;
  await alice.getByRole('textbox', { name: 'What’s on your mind?' }).fill(second);
  await alice.getByRole('button', { name: 'Post', exact: true }).click();
  const newPosts = bob.getByRole('button', { name: 'Show 1 new post' });
  await expect(newPosts).toBeVisible();
  await expect(bob.getByRole('article').filter({ hasText: second })).toHaveCount(0);
  await newPosts.click();
  await expect(bob.getByRole('article').first()).toContainText(second);

  // Bob favourites it; the count changes and stays after a reload.
  await post.getByRole('button', { name: /^Favourite/ }).click();
  await expect(post.getByRole('button', { name: /^Remove favourite/ })).toHaveAttribute('aria-pressed', 'true');
  await bob.reload();
  await expect(
    bob.getByRole('article').filter({ hasText: text }).getByRole('button', { name: /^Remove favourite/ }),
  ).toBeVisible();

  const accessibility = await new AxeBuilder({ page: bob }).analyze();
  expect(accessibility.violations.map((violation) => violation.id)).toEqual([]);

  // Signing out leaves the local timeline readable.
  await bob.getByRole('button', { name: 'Sign out' }).click();
  await expect(bob.getByRole('link', { name: 'Sign in' })).toBeVisible();

  expect(errors).toEqual([]);
});

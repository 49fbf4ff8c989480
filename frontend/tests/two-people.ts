// The main scenario, on the server at a given origin: two people sign up; one posts and the
// other reads it on the local timeline, where a second post waits live until asked for; the
// reader's favourite stays after a reload and reaches the author's notifications at once.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser } from '@playwright/test';
import { signedUpPage, signUp, subscribed, watchForErrors } from './support';

/**
 * Runs the scenario on the server at `origin` (the tests' own by default); the usernames of
 * the author and the reader.
 */
export async function twoPeoplePostAndFavourite(browser: Browser, origin = ''): Promise<{ author: string; reader: string }> {
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const aliceName = `alice_${suffix}`;
  const bobName = `bob_${suffix}`;

  const alice = await signedUpPage(browser, aliceName, errors, origin);
  const text = `Hello from Alice ${suffix}`;
  await alice.getByRole('textbox', { name: 'What’s on your mind?' }).fill(text);
  await expect(alice.getByText(/characters left/)).toBeVisible();
  await alice.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(alice.getByRole('article').filter({ hasText: text })).toBeVisible();

  const bob = await (await browser.newContext()).newPage();
  watchForErrors(bob, errors);
  // The local timeline subscribes to new posts as it opens, over the live connection that
  // opens with the first page.
  const subscribedToLocal = subscribed(bob, 'publicTimelineUpdates');
  await signUp(bob, bobName, origin);
  await bob.getByRole('link', { name: 'Local' }).click();
  await expect(bob.getByRole('heading', { level: 1, name: 'Local timeline' })).toBeFocused();
  const post = bob.getByRole('article').filter({ hasText: text });
  await expect(post).toBeVisible();
  await expect(post.getByText(`@${aliceName}`)).toBeVisible();

  // Alice posts again while Bob reads: it waits above his list until he asks for it.
  await subscribedToLocal;
  const second = `Second from Alice ${suffix}`;
  await alice.getByRole('textbox', { name: 'What’s on your mind?' }).fill(second);
  await alice.getByRole('button', { name: 'Post', exact: true }).click();
  const newPosts = bob.getByRole('button', { name: 'Show 1 new post' });
  await expect(newPosts).toBeVisible();
  await expect(bob.getByRole('article').filter({ hasText: second })).toHaveCount(0);
  await newPosts.click();
  await expect(bob.getByRole('article').first()).toContainText(second);

  // Bob favourites the first; the count changes and stays after a reload.
  await post.getByRole('button', { name: /^Favourite/ }).click();
  await expect(post.getByRole('button', { name: /^Remove favourite/ })).toHaveAttribute('aria-pressed', 'true');
  await bob.reload();
  await expect(
    bob.getByRole('article').filter({ hasText: text }).getByRole('button', { name: /^Remove favourite/ }),
  ).toBeVisible();

  // The favourite reaches Alice without her reloading, counted beside her notifications.
  const unread = alice.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications (1 unread)' });
  await expect(unread).toBeVisible();
  await unread.click();
  await expect(alice.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await expect(alice.getByText(`${bobName} favourited your post`)).toBeVisible();

  const accessibility = await new AxeBuilder({ page: bob }).analyze();
  expect(accessibility.violations.map((violation) => violation.id)).toEqual([]);

  // Signing out leaves the local timeline readable.
  await bob.getByRole('button', { name: 'Sign out' }).click();
  await expect(bob.getByRole('link', { name: 'Sign in' })).toBeVisible();

  expect(errors).toEqual([]);
  return { author: aliceName, reader: bobName };
}

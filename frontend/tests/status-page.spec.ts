// A post's page and what can be done with a post: a person opens a post with its thread,
// replies, edits, bookmarks, pins and deletes their own posts; another reports one of them.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousViolations, signUp, watchForErrors } from './support';

async function post(page: Page, text: string): Promise<Locator> {
  await page.getByRole('textbox', { name: 'What’s on your mind?' }).fill(text);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  const article = page.getByRole('article').filter({ hasText: text });
  await expect(article).toBeVisible();
  return article;
}

/** Picks `item` from the "more" menu of `article`. */
async function choose(article: Locator, item: string): Promise<void> {
  await article.getByRole('button', { name: /^More for the post by/ }).click();
  const menu = article.page().getByRole('menu');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await menu.getByRole('menuitem', { name: item }).click();
}

test('a post opens with its thread, and its author replies, edits, bookmarks, pins and deletes', async ({ browser }) => {
  // One person's whole round of a post's actions, each waiting on the server.
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const page = await (await browser.newContext()).newPage();
  watchForErrors(page, errors);
  const alice = `thread_${suffix}`;
  await signUp(page, alice);
  const rootText = `Where shall we meet ${suffix}?`;
  const root = await post(page, rootText);

  // Clicking a post's time opens its page, the post in focus.
  await root.getByRole('link', { name: /Visibility: Public/ }).click();
  await expect(page).toHaveURL(new RegExp(`/@${alice}/[0-9a-f-]{36}$`));
  await expect(page.getByRole('heading', { level: 1, name: `Post by ${alice}` })).toBeFocused();
  const focused = page.locator('article[aria-current="true"]');
  await expect(focused).toContainText(rootText);
  await expect(page.getByText('No replies yet.')).toBeVisible();
  const rootUrl = page.url();

  // Replying opens a composer under the post, addressed to it.
  await focused.getByRole('button', { name: /^Reply, 0 replies/ }).click();
  const replyBox = page.getByRole('textbox', { name: `Reply to ${alice}` });
  await expect(replyBox).toBeFocused();
  const replyText = `By the old mill ${suffix}`;
  await replyBox.fill(replyText);
  await page.getByRole('button', { name: 'Reply', exact: true }).click();
  const replies = page.getByRole('region', { name: 'Replies' });
  await expect(replies.getByRole('article').filter({ hasText: replyText })).toBeVisible();
  await expect(replyBox).toBeHidden();

  // The reply's page shows what it answers above it.
  await replies.getByRole('article').filter({ hasText: replyText }).getByRole('link', { name: /Visibility/ }).click();
  await expect(page.locator('article[aria-current="true"]')).toContainText(replyText);
  await expect(page.getByRole('region', { name: 'Earlier in the conversation' }).getByRole('article')).toContainText(
    rootText,
  );
  await expectNoSeriousViolations(page);

  // From a timeline, j then o opens the focused post; r opens it with the composer ready.
  await page.getByRole('link', { name: 'Home' }).click();
  // The reply, written on the post's page, is the newest once the timeline is read afresh.
  await expect(page.getByRole('article').first()).toContainText(replyText);
  await page.keyboard.press('j');
  await page.keyboard.press('o');
  await expect(page.getByRole('heading', { level: 1, name: `Post by ${alice}` })).toBeVisible();
  await expect(page.locator('article[aria-current="true"]')).toContainText(replyText);
  await page.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('article').first()).toContainText(replyText);
  await page.keyboard.press('j');
  await page.keyboard.press('r');
  await expect(page.getByRole('textbox', { name: `Reply to ${alice}` })).toBeFocused();

  // Editing in place: the new text shows, and the earlier version is in its history.
  await page.goto(rootUrl);
  const opened = page.locator('article[aria-current="true"]');
  await choose(opened, 'Edit');
  const editedText = `Where shall we meet, ${suffix}, and when?`;
  const textField = opened.getByRole('textbox', { name: 'Text' });
  await expect(textField).toBeFocused();
  await textField.fill(editedText);
  await opened.getByRole('button', { name: 'Save' }).click();
  await expect(opened.locator('.content')).toHaveText(editedText);
  await opened.getByRole('button', { name: 'edited, show the earlier versions' }).click();
  const history = page.getByRole('dialog', { name: 'Edit history' });
  await expect(history.getByText(rootText)).toBeVisible();
  await expect(history.getByText(editedText)).toBeVisible();
  await history.getByRole('button', { name: 'Close' }).click();
  await expect(history).toBeHidden();

  // Bookmarked, it is listed on /bookmarks.
  await choose(opened, 'Bookmark');
  await expect(page.getByText('Bookmarked.')).toBeVisible();
  await page.getByRole('link', { name: 'Bookmarks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bookmarks' })).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: editedText })).toBeVisible();
  await expectNoSeriousViolations(page);

  // Pinned, it says so on the profile.
  await page.goto(rootUrl);
  await choose(page.locator('article[aria-current="true"]'), 'Pin on profile');
  await expect(page.getByText('Pinned on your profile.')).toBeVisible();
  await page.goto(`/@${alice}`);
  const pinned = page.getByRole('article').filter({ hasText: editedText });
  await expect(pinned.getByText('Pinned', { exact: true })).toBeVisible();

  // Deleted after confirming, it is gone from the timeline.
  await page.getByRole('link', { name: 'Home' }).click();
  const doomedText = `Posted in haste ${suffix}`;
  const doomed = await post(page, doomedText);
  await choose(doomed, 'Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete this post?' });
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Post deleted.')).toBeVisible();
  await expect(page.getByText(doomedText)).toBeHidden();
  await page.reload();
  await expect(page.getByRole('article').filter({ hasText: replyText })).toBeVisible();
  await expect(page.getByText(doomedText)).toHaveCount(0);

  expect(errors).toEqual([]);
});

test('another reader reports a post, favourites it, and may not edit or delete it', async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const authorPage = await (await browser.newContext()).newPage();
  const readerPage = await (await browser.newContext()).newPage();
  watchForErrors(authorPage, errors);
  watchForErrors(readerPage, errors);
  const author = `author_${suffix}`;
  await signUp(authorPage, author);
  const text = `Buy cheap watches ${suffix}`;
  await post(authorPage, text);

  await signUp(readerPage, `reader_${suffix}`);
  await readerPage.getByRole('link', { name: 'Local' }).click();
  const article = readerPage.getByRole('article').filter({ hasText: text });
  await article.getByRole('button', { name: /^More for the post by/ }).click();
  const menu = readerPage.getByRole('menu');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await expect(menu.getByRole('menuitem', { name: 'Edit' })).toHaveCount(0);
  await expect(menu.getByRole('menuitem', { name: 'Delete' })).toHaveCount(0);
  await expect(menu.getByRole('menuitem', { name: 'Pin on profile' })).toHaveCount(0);
  // Escape closes the menu and gives focus back to its button.
  await readerPage.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(article.getByRole('button', { name: /^More for the post by/ })).toBeFocused();

  await choose(article, `Report @${author}`);
  const dialog = readerPage.getByRole('dialog', { name: `Report @${author}` });
  await dialog.getByRole('radio', { name: /^Spam/ }).check();
  await dialog.getByRole('textbox', { name: 'Comment' }).fill('Advertising, again.');
  await expectNoSeriousViolations(readerPage);
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(readerPage.getByText('Thank you. The moderators will look at your report.')).toBeVisible();
  await expect(dialog).toBeHidden();

  // Favourited, it is listed on /favourites.
  await article.getByRole('button', { name: /^Favourite/ }).click();
  await expect(article.getByRole('button', { name: /^Remove favourite/ })).toBeVisible();
  await readerPage.getByRole('link', { name: 'Favourites' }).click();
  await expect(readerPage.getByRole('heading', { level: 1, name: 'Favourites' })).toBeVisible();
  await expect(readerPage.getByRole('article').filter({ hasText: text })).toBeVisible();
  await expectNoSeriousViolations(readerPage);

  expect(errors).toEqual([]);
});

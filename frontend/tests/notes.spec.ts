// Someone jots down a private note with a hashtag, finds it by the tag, and pins it on top.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signUp, watchForErrors } from './support';

test('a note is captured, found by its tag, and pinned on top', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  watchForErrors(page, errors);
  await signUp(page, `noa_${suffix}`);
  const publicPost = `A public word ${suffix}`;
  await page.getByRole('textbox', { name: 'What’s on your mind?' }).fill(publicPost);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByRole('article').filter({ hasText: publicPost })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notes' })).toBeFocused();
  await expect(page.getByRole('article').filter({ hasText: publicPost })).toBeVisible();

  // Two private notes, one tagged.
  const tagged = `Buy seed for the feeder #errands${suffix}`;
  const plain = `Rooks nest early ${suffix}`;
  for (const text of [tagged, plain]) {
    await page.getByRole('textbox', { name: 'New note' }).fill(text);
    await page.getByRole('button', { name: 'Save note' }).click();
    await expect(page.getByRole('article').filter({ hasText: text.replace(/#\S+/, '').trim() })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'New note' })).toHaveValue('');
  }
  const taggedNote = page.getByRole('article').filter({ hasText: 'Buy seed for the feeder' });
  const accessibility = await new AxeBuilder({ page }).analyze();
  expect(accessibility.violations.map((violation) => violation.id)).toEqual([]);

  // The note is nobody else's: it is not on the local timeline.
  await page.getByRole('link', { name: 'Local' }).click();
  await expect(page.getByRole('article').filter({ hasText: publicPost })).toBeVisible();
  await expect(page.getByRole('article').filter({ hasText: plain })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notes' }).click();

  // Filtering by the tag leaves the tagged note alone.
  await page.getByRole('textbox', { name: 'Tag' }).fill(`#errands${suffix}`);
  await expect(page.getByRole('article').filter({ hasText: plain })).toBeHidden();
  await expect(page.getByRole('article').filter({ hasText: publicPost })).toBeHidden();
  await expect(taggedNote).toBeVisible();
  await page.getByRole('textbox', { name: 'Tag' }).fill('');
  await expect(page.getByRole('article').filter({ hasText: plain })).toBeVisible();

  // Text search too.
  await page.getByRole('searchbox', { name: 'Text contains' }).fill('nest early');
  await expect(page.getByRole('article').filter({ hasText: plain })).toBeVisible();
  await expect(taggedNote).toBeHidden();
  // The unfiltered list is asked for again; pinning before it is back would let its older
  // answer land after the newer one.
  const unfiltered = page.waitForResponse((response) => {
    const body = response.request().postData() ?? '';
    return response.url().endsWith('/graphql') && body.includes('query NotesPageQuery') && body.includes('"text":null');
  });
  await page.getByRole('searchbox', { name: 'Text contains' }).fill('');
  await unfiltered;

  // Pinned, it moves on top under its own heading, and stays there.
  const pinButton = page.locator('.note').filter({ hasText: 'Buy seed for the feeder' }).getByRole('button', { name: 'Pin' });
  await pinButton.click();
  const pinnedList = page.getByRole('region', { name: 'Pinned' });
  await expect(pinnedList.getByRole('article').filter({ hasText: 'Buy seed for the feeder' })).toBeVisible();
  await expect(pinnedList.getByRole('article').filter({ hasText: plain })).toHaveCount(0);
  const headings = page.getByRole('heading', { level: 2 });
  await expect(headings).toHaveText(['Pinned', 'Your posts and notes']);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Pinned' }).getByRole('article')).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Pinned' }).selectOption({ label: 'Pinned only' });
  await expect(page.getByRole('article').filter({ hasText: plain })).toBeHidden();
  await expect(page.getByRole('article').filter({ hasText: 'Buy seed for the feeder' })).toBeVisible();

  expect(errors).toEqual([]);
});

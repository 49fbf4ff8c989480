// The keyboard reads a timeline: j and k move between posts, f favourites the focused one,
// and ? lists the shortcuts in a dialog that Escape closes, giving focus back.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signUp, watchForErrors } from './support';

async function post(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'What’s on your mind?' }).fill(text);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByRole('article').filter({ hasText: text })).toBeVisible();
}

test('the local timeline is read and favourited from the keyboard', async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const page = await (await browser.newContext()).newPage();
  watchForErrors(page, errors);
  await signUp(page, `keys_${suffix}`);
  const first = `First by keyboard ${suffix}`;
  const second = `Second by keyboard ${suffix}`;
  await post(page, first);
  await post(page, second);

  await page.getByRole('link', { name: 'Local' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Local timeline' })).toBeFocused();
  const newer = page.getByRole('article').filter({ hasText: second });
  const older = page.getByRole('article').filter({ hasText: first });
  await expect(older).toBeVisible();

  // Newest first: j focuses the first post, j the next, k goes back.
  await page.keyboard.press('j');
  await expect(newer).toBeFocused();
  // The focused post shows the focus ring.
  await expect(newer).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('j');
  await expect(older).toBeFocused();
  await page.keyboard.press('k');
  await expect(newer).toBeFocused();

  // f favourites the focused post, and only it.
  await page.keyboard.press('f');
  await expect(newer.getByRole('button', { name: /^Remove favourite, 1 favourite/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(older.getByRole('button', { name: /^Favourite/ })).toHaveAttribute('aria-pressed', 'false');
  await expect(newer).toBeFocused();

  // ? lists the shortcuts; Escape closes the list and focus goes back to the post.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(help.getByText('Move to the next post')).toBeVisible();
  const accessibility = await new AxeBuilder({ page }).analyze();
  expect(accessibility.violations.map((violation) => violation.id)).toEqual([]);
  // Keys meant for the timeline do nothing while the list is open.
  await page.keyboard.press('j');
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(newer).toBeFocused();

  // Typing in a field is typing, not shortcuts.
  await page.getByRole('link', { name: 'Home' }).click();
  const box = page.getByRole('textbox', { name: 'What’s on your mind?' });
  await box.click();
  await page.keyboard.type('jkf?');
  await expect(box).toHaveValue('jkf?');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  expect(errors).toEqual([]);
});

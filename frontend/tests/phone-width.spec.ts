// At a phone's width (390 px) nothing scrolls sideways, signed in, on the home and settings
// pages, and every destination of the main navigation is still there, labelled and reachable.
import { expect, test, type Page } from '@playwright/test';
import { signUp, watchForErrors } from './support';

const destinations = [
  'Home',
  'Notifications',
  'Notes',
  'Conversations',
  'Local',
  'Federated',
  'Bookmarks',
  'Favourites',
  'Lists',
  'Settings',
];

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(widths.viewport).toBe(390);
  expect(widths.scroll).toBeLessThanOrEqual(390);
}

test('the pages fit a 390 px screen, with the whole main navigation', async ({ page }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page, `narrow_${Date.now().toString(36)}`);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await expectNoSidewaysScroll(page);

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of destinations) {
    const link = nav.getByRole('link', { name, exact: true });
    await expect(link).toBeVisible();
    const box = await link.boundingBox();
    expect(box, name).not.toBeNull();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390, `${name} is on the screen`).toBe(true);
  }

  await nav.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit profile' })).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
  await expectNoSidewaysScroll(page);

  await page.goto('/settings/tokens');
  await expect(page.getByRole('heading', { level: 1, name: 'Access tokens' })).toBeVisible();
  await expectNoSidewaysScroll(page);

  expect(errors).toEqual([]);
});

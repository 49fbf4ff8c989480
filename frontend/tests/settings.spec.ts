// Someone edits their profile and sees it on their profile page, finds this browser among
// their sessions, ends the others one by one, and signs out everywhere.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signUp, watchForErrors } from './support';

test('profile settings show on the profile, and signing out everywhere ends every session', async ({ browser, page }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  const username = `carol_${Date.now().toString(36)}`;

  await signUp(page, username);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit profile' })).toBeFocused();
  const settingsNavigation = page.getByRole('navigation', { name: 'Settings' });
  await expect(settingsNavigation.getByRole('link', { name: 'Edit profile' })).toHaveAttribute('aria-current', 'page');

  await page.getByLabel('Display name').fill('Carol the Birder');
  await page.getByLabel('Bio').fill('Watching *rooks* since 1999.');
  await page.getByRole('button', { name: 'Add a field' }).click();
  await page.getByLabel('Name 1').fill('Pronouns');
  await page.getByLabel('Value 1').fill('she/her');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your profile is saved.' })).toBeVisible();

  const accessibility = await new AxeBuilder({ page }).analyze();
  expect(accessibility.violations.map((violation) => violation.id)).toEqual([]);

  await page.getByRole('link', { name: `Signed in as @${username}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Carol the Birder' })).toBeVisible();
  await expect(page.getByText('Watching rooks since 1999.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Carol the Birder' })).toBeVisible();

  // The same person signs in in another browser too.
  const other = await (await browser.newContext()).newPage();
  watchForErrors(other, errors);
  await other.goto('/sign-in');
  await other.getByLabel('Username or email').fill(username);
  await other.getByLabel('Password').fill('correct horse battery staple');
  await other.getByRole('button', { name: 'Sign in' }).click();
  await expect(other.getByText(`Signed in as @${username}`)).toBeVisible();

  await page.goto('/settings/profile');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Sessions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeFocused();
  await expect(
    page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Sessions' }),
  ).toHaveAttribute('aria-current', 'page');
  const sessions = page.getByRole('list', { name: 'Your sessions' }).getByRole('listitem');
  await expect(sessions.filter({ hasText: 'This browser' })).toHaveCount(1);
  // This browser, the other, and whatever signing up logged in.
  expect(await sessions.count()).toBeGreaterThanOrEqual(2);

  const sessionsAccessibility = await new AxeBuilder({ page }).analyze();
  expect(sessionsAccessibility.violations.map((violation) => violation.id)).toEqual([]);

  // Ending each other session leaves this browser's alone and signs the other browser out.
  const others = sessions.filter({ hasNotText: 'This browser' });
  for (let left = await others.count(); left > 0; left -= 1) {
    await others.first().getByRole('button', { name: 'Sign out there' }).click();
    await expect(others).toHaveCount(left - 1);
  }
  await expect(sessions).toHaveCount(1);
  await other.reload();
  await expect(other.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  await page.reload();
  await expect(sessions).toHaveCount(1);

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText(`Signed in as @${username}`)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  await expect(page.getByText(`Signed in as @${username}`)).toHaveCount(0);
  await page.goto('/settings/sessions');
  await expect(page.getByText('Sign in to change your settings.')).toBeVisible();

  // The other browser is signed out as well.
  await other.reload();
  await expect(other.getByRole('link', { name: 'Sign in' }).first()).toBeVisible();
  await expect(other.getByText(`Signed in as @${username}`)).toHaveCount(0);

  expect(errors).toEqual([]);
});

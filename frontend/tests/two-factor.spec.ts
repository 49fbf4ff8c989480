// Two-factor sign-in: someone sets it up in Settings with the password, reads the setup key off
// the page into their "app" (tests/totp.ts) and turns it on with its code; the ten recovery codes
// show once. Signing in then asks for a code after the password: a wrong one is refused, the
// app's signs in, and so does a recovery code (one fewer left). "Back" returns to the password.
// Turned off with the password and a code, the password alone signs in again.
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations, signUp, uniqueName, watchForErrors } from './support';
import { freshCode, wrongCode } from './totp';

const password = 'correct horse battery staple';
const codeLabel = 'Enter the 6-digit code from your authenticator app, or a recovery code';

async function signInWithPassword(page: Page, login: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('link', { name: 'Sign in', exact: true }).first()).toBeVisible();
}

test('two-factor sign-in is set up with an authenticator app, asks a code or a recovery code at sign-in, and is turned off', async ({
  page,
}) => {
  // Codes of the app count once: a test may wait up to a step (30 s) for the next one.
  test.setTimeout(180_000);
  const errors: string[] = [];
  watchForErrors(page, errors);
  const username = uniqueName('godwit');
  const signedIn = page.getByText(`Signed in as @${username}`);
  await signUp(page, username);

  await page.goto('/settings/profile');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Two-factor sign-in' }).click();
  await expect(page).toHaveURL(/\/settings\/two-factor$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Two-factor sign-in' })).toBeFocused();
  await expect(page.getByText('Two-factor sign-in is off.')).toBeVisible();
  await expectNoSeriousViolations(page);

  // Setting up asks the password first; a wrong one is refused at its field.
  await page.getByRole('button', { name: 'Set up' }).click();
  const setUpForm = page.getByRole('form', { name: 'Set up' });
  await expect(setUpForm.getByLabel('Current password')).toBeFocused();
  await setUpForm.getByLabel('Current password').fill('not my password');
  await setUpForm.getByRole('button', { name: 'Continue' }).click();
  await expect(setUpForm.getByRole('alert')).toHaveText('That is not your current password.');
  await expect(setUpForm.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  await setUpForm.getByLabel('Current password').fill(password);
  await setUpForm.getByRole('button', { name: 'Continue' }).click();

  // The QR code and the setup key, grouped for typing.
  await expect(page.getByRole('heading', { level: 2, name: 'Add this account to your authenticator app' })).toBeFocused();
  const qr = page.getByRole('img', { name: 'QR code of the setup key, for your authenticator app' });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  const shown = await page.getByLabel('Setup key').inputValue();
  expect(shown).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  const secret = shown.replaceAll(' ', '');
  await expect(page.getByRole('link', { name: 'Open in an authenticator app on this device' })).toHaveAttribute(
    'href',
    new RegExp(`^otpauth://totp/.*secret=${secret}`),
  );
  await expectNoSeriousViolations(page);

  // A wrong code does not turn it on; the app's code does.
  const enableForm = page.getByRole('form', { name: 'Turn on' });
  await enableForm.getByLabel('Code from the app').fill(wrongCode(secret));
  await enableForm.getByRole('button', { name: 'Turn on' }).click();
  await expect(enableForm.getByRole('alert')).toHaveText('That code is not right, or was used already. Enter the code the app shows now.');
  let used = await freshCode(secret);
  await enableForm.getByLabel('Code from the app').fill(used.code);
  await enableForm.getByRole('button', { name: 'Turn on' }).click();

  // The recovery codes, this once.
  const recovery = page.getByRole('region', { name: 'Your recovery codes' });
  await expect(recovery.getByRole('heading', { name: 'Your recovery codes' })).toBeFocused();
  await expect(recovery).toContainText('they are shown this once');
  const recoveryCodes = await recovery.getByRole('listitem').allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  for (const code of recoveryCodes) expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
  await expectNoSeriousViolations(page);
  await recovery.getByRole('button', { name: 'I have saved them' }).click();
  await expect(recovery).toHaveCount(0);
  await expect(page.getByText('Two-factor sign-in is on. 10 recovery codes left.')).toBeFocused();
  await page.reload();
  await expect(page.getByText('Two-factor sign-in is on. 10 recovery codes left.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Set up' })).toHaveCount(0);
  await expectNoSeriousViolations(page);

  // Signing in: the password, then the code step.
  await signOut(page);
  await signInWithPassword(page, username);
  const code = page.getByLabel(codeLabel);
  await expect(code).toBeFocused();
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(code).not.toHaveAttribute('inputmode', 'numeric');
  await expect(signedIn).toHaveCount(0);
  await expectNoSeriousViolations(page);

  // A wrong code is refused, and may be tried again; the app's code signs in.
  await code.fill(wrongCode(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toHaveText('That code is not right, or was used already. Try again.');
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(signedIn).toHaveCount(0);
  used = await freshCode(secret, used.step);
  await code.fill(used.code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(signedIn).toBeVisible();

  // "Back" returns to the password step.
  await signOut(page);
  await signInWithPassword(page, username);
  await expect(code).toBeFocused();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByLabel('Password')).toBeFocused();
  await expect(page.getByLabel('Username or email')).toHaveValue(username);
  await expect(page.getByLabel(codeLabel)).toHaveCount(0);

  // A recovery code signs in, once.
  await page.getByLabel('Password').fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await code.fill(recoveryCodes[0] ?? '');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(signedIn).toBeVisible();
  await page.goto('/settings/two-factor');
  await expect(page.getByText('Two-factor sign-in is on. 9 recovery codes left.')).toBeVisible();

  // Turning it off takes the password and a code.
  await page.getByRole('button', { name: 'Turn off' }).click();
  const offForm = page.getByRole('form', { name: 'Turn off' });
  await expect(offForm.getByLabel('Current password')).toBeFocused();
  await expectNoSeriousViolations(page);
  await offForm.getByLabel('Current password').fill(password);
  await offForm.getByLabel('Code from the app, or a recovery code').fill(wrongCode(secret));
  await offForm.getByRole('button', { name: 'Turn off' }).click();
  await expect(offForm.getByRole('alert')).toHaveText('That code is not right, or was used already. Enter the code the app shows now.');
  used = await freshCode(secret, used.step);
  await offForm.getByLabel('Code from the app, or a recovery code').fill(used.code);
  await offForm.getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByText('Two-factor sign-in is off.')).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Turned off: signing in asks for your password alone.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Set up' })).toBeVisible();

  // The password alone signs in again.
  await signOut(page);
  await signInWithPassword(page, username);
  await expect(signedIn).toBeVisible();
  await expect(page.getByLabel(codeLabel)).toHaveCount(0);
  expect(errors).toEqual([]);
});

// The owner says more about the server and who to contact in its settings; a signed-out visitor
// reads that on the about page, with a link to the contact account and the email to write to.
// The owner sets a picture for the server, which the visitor sees at the top of the about page.
import { expect, test } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, signInAs, watchForErrors } from './support';

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('what the owner says about the server and who to contact is on the about page', async ({ browser }) => {
  test.setTimeout(60_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const ownerName = `owner_${suffix}`;
  createStaff(ownerName, 'admin');
  const owner = await (await browser.newContext()).newPage();
  watchForErrors(owner, errors);
  await signInAs(owner, ownerName);

  const first = `We watch rooks ${suffix}, and crows <b>too</b>.`;
  const second = `Write to us about anything ${suffix}.`;
  const email = `contact_${suffix}@example.com`;
  await owner.goto('/admin/settings');
  await expect(owner.getByRole('heading', { level: 1, name: 'Server settings' })).toBeVisible();
  await owner.getByLabel('More about the server', { exact: true }).fill(`${first}\n\n${second}`);
  await owner.getByLabel('Contact account', { exact: true }).fill(ownerName);
  const contactEmail = owner.getByLabel('Contact email', { exact: true });
  await expect(contactEmail).toHaveAttribute('type', 'email');
  await expect(owner.getByLabel('Default language', { exact: true })).not.toHaveValue('');

  // An address that is none is refused beside its field, and nothing is saved.
  await contactEmail.fill('not an address');
  await owner.getByRole('button', { name: 'Save settings' }).click();
  await expect(owner.getByRole('alert')).toBeVisible();
  await expect(contactEmail).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousViolations(owner);

  await contactEmail.fill(email);
  await owner.getByRole('button', { name: 'Save settings' }).click();
  await expect(owner.getByRole('status').filter({ hasText: 'The settings are saved.' })).toBeVisible();
  await expect(contactEmail).not.toHaveAttribute('aria-invalid', 'true');
  await expect(owner.getByText(`Now @${ownerName}.`)).toBeVisible();
  await owner.reload();
  await expect(owner.getByLabel('More about the server', { exact: true })).toHaveValue(`${first}\n\n${second}`);
  await expect(owner.getByLabel('Contact email', { exact: true })).toHaveValue(email);
  await expect(owner.getByLabel('Contact account', { exact: true })).toHaveValue(ownerName);
  await expect(owner.getByText(`Now @${ownerName}.`)).toBeVisible();

  // A signed-out visitor reads it on the about page: paragraphs of text, and who to contact.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  watchForErrors(visitor, errors);
  await visitor.goto('/about');
  await expect(visitor.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(visitor.getByText(first, { exact: true })).toBeVisible();
  await expect(visitor.getByText(second, { exact: true })).toBeVisible();
  const contact = visitor.getByRole('region', { name: 'Contact' });
  const mail = contact.getByRole('link', { name: email });
  await expect(mail).toHaveAttribute('href', `mailto:${email}`);
  const account = contact.getByRole('link', { name: `@${ownerName}` });
  await expect(account).toHaveAttribute('href', `/@${ownerName}`);
  await expectNoSeriousViolations(visitor);
  await account.click();
  await expect(visitor).toHaveURL(new RegExp(`/@${ownerName}$`));
  await expect(visitor.getByRole('heading', { level: 1, name: ownerName })).toBeVisible();
  await visitorContext.close();
  expect(errors).toEqual([]);
});

test('the picture the owner sets for the server is at the top of the about page', async ({ browser }) => {
  test.setTimeout(60_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const ownerName = `pictured_${suffix}`;
  createStaff(ownerName, 'admin');
  const owner = await (await browser.newContext()).newPage();
  watchForErrors(owner, errors);
  await signInAs(owner, ownerName);

  await owner.goto('/admin/settings');
  await expect(owner.getByRole('heading', { level: 1, name: 'Server settings' })).toBeVisible();
  const section = owner.getByRole('region', { name: 'Server picture' });
  await expect(section).toBeVisible();
  const fileInput = section.getByLabel('New picture', { exact: true });
  await expect(fileInput).toHaveAttribute('accept', 'image/jpeg,image/png,image/webp,image/gif');

  // A file that is no picture is refused beside the input.
  await fileInput.setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
  await expect(section.getByRole('alert')).toBeVisible();
  await expect(fileInput).toHaveAttribute('aria-invalid', 'true');

  // A real one is sent as soon as it is chosen, shown, and announced.
  await fileInput.setInputFiles({ name: 'rookery.png', mimeType: 'image/png', buffer: PNG });
  await expect(section.getByRole('status').filter({ hasText: 'The new picture is saved.' })).toBeVisible();
  await expect(section.getByRole('alert')).toHaveCount(0);
  await expect(fileInput).not.toHaveAttribute('aria-invalid', 'true');
  const preview = section.getByRole('img', { name: 'The server’s picture now' });
  await expect(preview).toBeVisible();
  await expect(preview).toHaveAttribute('src', /\/media\//);
  await expect(section.getByRole('button', { name: 'Remove picture' })).toBeVisible();
  await expectNoSeriousViolations(owner);

  // A signed-out visitor sees it at the top of the about page, named by the server's name.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  watchForErrors(visitor, errors);
  await visitor.goto('/about');
  const heading = visitor.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/^About /);
  const name = ((await heading.textContent()) ?? '').replace(/^About /, '');
  const picture = visitor.getByRole('img', { name, exact: true });
  await expect(picture).toBeVisible();
  await expect(picture).toHaveAttribute('src', /\/media\//);
  await expect(picture).toHaveAttribute('width', '1');
  await expect(picture).toHaveAttribute('height', '1');
  await expect(picture).toHaveAttribute('loading', 'lazy');
  await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  const source = (await picture.getAttribute('src')) ?? '';
  const served = await visitor.request.get(source);
  expect(served.ok()).toBe(true);
  expect(served.headers()['content-type']).toMatch(/^image\//);
  await expectNoSeriousViolations(visitor);

  // Removed, it is gone from the settings and from the about page.
  await section.getByRole('button', { name: 'Remove picture' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'The picture is removed.' })).toBeVisible();
  await expect(preview).toHaveCount(0);
  await expect(section.getByText('No picture is set.')).toBeVisible();
  await expect(fileInput).toBeFocused();
  await visitor.reload();
  await expect(visitor.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(visitor.getByRole('img', { name, exact: true })).toHaveCount(0);
  await visitorContext.close();
  expect(errors).toEqual([]);
});

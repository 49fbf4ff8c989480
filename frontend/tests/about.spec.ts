// The owner says more about the server and who to contact in its settings; a signed-out visitor
// reads that on the about page, with a link to the contact account and the email to write to.
import { expect, test } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, signInAs, watchForErrors } from './support';


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

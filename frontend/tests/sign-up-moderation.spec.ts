// Sign-up moderation: with registrations closed, the owner makes an invite and copies its
// link; a visitor opening it reads who invited them, signs up and is signed in. An email
// domain's block refuses a visitor beside the email field; an IP range is added and removed.
import { expect, test } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, graphql, signInAs, staffPassword, watchForErrors } from './support';

const password = staffPassword;


const setMode = (mode: 'OPEN' | 'CLOSED') =>
  `mutation { updateInstance(input: {registrationMode: ${mode}}) { instance { registrationMode } } }`;

test('an invite opens sign-up while closed; blocks refuse an email domain and hold an IP range', async ({ browser }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const adminName = `owner_${suffix}`;
  createStaff(adminName, 'admin');
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const admin = await context.newPage();
  watchForErrors(admin, errors);
  await signInAs(admin, adminName);

  try {
    await graphql(admin, setMode('CLOSED'));

    // The owner makes an invite for five people, lasting a day, and copies its link.
    await admin.goto('/admin/invites');
    await expect(admin.getByRole('heading', { level: 1, name: 'Invites' })).toBeVisible();
    await expect(
      admin.getByRole('navigation', { name: 'Moderation' }).getByRole('link', { name: 'Invites' }),
    ).toHaveAttribute('aria-current', 'page');
    await admin.getByLabel('Can be used').selectOption({ label: '5 times' });
    await admin.getByLabel('Expires after').selectOption({ label: '1 day' });
    await admin.getByRole('button', { name: 'Create invite' }).click();
    const newLink = admin.getByRole('region', { name: /new invite/ });
    const link = await newLink.getByRole('textbox').inputValue();
    expect(link).toMatch(/\/sign-up\?invite=\S+$/);
    await newLink.getByRole('button', { name: 'Copy link' }).click();
    await expect(newLink.getByText('Link copied.')).toBeVisible();
    const copied = await admin.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(link);
    const code = new URL(copied).searchParams.get('invite') ?? '';
    const invites = admin.getByRole('table', { name: 'Invites' });
    const row = invites.getByRole('row').filter({ hasText: code });
    await expect(row).toContainText('0 of 5');
    await expect(row).toContainText('Valid');
    await expect(row.getByRole('button', { name: 'Revoke' })).toBeVisible();
    await expectNoSeriousViolations(admin);
    // Everyone's invites name who made each.
    await admin.getByRole('checkbox', { name: 'Everyone’s invites' }).check();
    await expect(invites.getByRole('columnheader', { name: 'Created by' })).toBeVisible();
    await expect(invites.getByRole('row').filter({ hasText: code })).toContainText(`@${adminName}`);

    // A visitor opens the link: the inviter is named and the form is there although closed.
    const visitorName = `invited_${suffix}`;
    const visitor = await (await browser.newContext()).newPage();
    watchForErrors(visitor, errors);
    const address = new URL(copied);
    await visitor.goto(`${address.pathname}${address.search}`);
    await expect(visitor.getByText(`You were invited by @${adminName}.`)).toBeVisible();
    await expect(visitor.getByText('This server takes no sign-ups at the moment.')).toHaveCount(0);
    await visitor.getByLabel('Username').fill(visitorName);
    await visitor.getByLabel('Email').fill(`${visitorName}@example.com`);
    await visitor.getByLabel('Password').fill(password);
    await visitor.getByRole('button', { name: 'Sign up' }).click();
    await expect(visitor.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await expect(visitor.getByText(`Signed in as @${visitorName}`)).toBeVisible();

    // The invite counts the use; the account's page says who invited it and from where.
    await admin.reload();
    await expect(admin.getByRole('table', { name: 'Invites' }).getByRole('row').filter({ hasText: code })).toContainText(
      '1 of 5',
    );
    // Revoked, the link no longer opens sign-up.
    const usedRow = admin.getByRole('table', { name: 'Invites' }).getByRole('row').filter({ hasText: code });
    await usedRow.getByRole('button', { name: 'Revoke', exact: true }).click();
    await usedRow.getByRole('button', { name: `Revoke ${code}` }).click();
    await expect(usedRow).toContainText('Expired, used up or revoked');
    await expect(usedRow.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
    const late = await (await browser.newContext()).newPage();
    watchForErrors(late, errors);
    await late.goto(`${address.pathname}${address.search}`);
    await expect(late.getByText('This invite is no longer valid.')).toBeVisible();
    await expect(late.getByText('This server takes no sign-ups at the moment.')).toBeVisible();
    await expect(late.getByRole('button', { name: 'Sign up' })).toHaveCount(0);

    await admin.goto('/admin/accounts');
    await admin.getByLabel('Handle, name or email').fill(visitorName);
    await admin.getByRole('button', { name: 'Find accounts' }).click();
    await admin.getByRole('link', { name: `@${visitorName}` }).click();
    await expect(admin.getByRole('heading', { level: 1, name: `@${visitorName}` })).toBeVisible();
    // "Invited by @owner" (a link to the profile) and "Signed up from <address>".
    const facts = admin.locator('dl.admin-facts');
    await expect(facts.locator('dt', { hasText: 'Invited by' })).toBeVisible();
    await expect(facts.getByRole('link', { name: `@${adminName}` })).toHaveAttribute('href', `/@${adminName}`);
    await expect(facts.locator('dt', { hasText: 'Signed up from' })).toBeVisible();
    await expect(facts.locator('dt:has-text("Signed up from") + dd')).toHaveText(/\S/);

    // Registrations open again; the owner blocks an email domain.
    await graphql(admin, setMode('OPEN'));
    await admin.goto('/admin/blocks');
    await expect(admin.getByRole('heading', { level: 1, name: 'Sign-up blocks' })).toBeVisible();
    const domainForm = admin.getByRole('form', { name: 'Block an email domain' });
    await domainForm.getByLabel('Domain').fill('blocked.example');
    await domainForm.getByRole('button', { name: 'Add' }).click();
    await expect(admin.getByRole('status').filter({ hasText: 'Sign-ups from blocked.example are now refused.' })).toBeVisible();
    const domains = admin.getByRole('table', { name: 'Blocked email domains' });
    await expect(domains.getByRole('rowheader', { name: 'blocked.example' })).toBeVisible();

    // A visitor at a subdomain of it is refused, beside the email field.
    const refused = await (await browser.newContext()).newPage();
    watchForErrors(refused, errors);
    await refused.goto('/sign-up');
    await expect(refused.getByText('Anyone may sign up here.')).toBeVisible();
    await refused.getByLabel('Username').fill(`blocked_${suffix}`);
    const email = refused.getByLabel('Email');
    await email.fill('x@mail.blocked.example');
    await refused.getByLabel('Password').fill(password);
    await refused.getByRole('button', { name: 'Sign up' }).click();
    const emailField = refused.locator('.field').filter({ has: email });
    await expect(emailField.getByRole('alert')).toBeVisible();
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription(/\S/);
    await expect(refused.getByText(/^Signed in as/)).toHaveCount(0);

    // The owner adds an IP range held for approval, then removes it.
    const range = '198.51.100.0/24';
    const ipForm = admin.getByRole('form', { name: 'Block an IP range' });
    await ipForm.getByLabel('Address or range').fill(range);
    await ipForm.getByLabel('What happens to sign-ups').selectOption({ label: 'They wait for approval' });
    await ipForm.getByLabel('Comment').fill(`Test network ${suffix}`);
    await ipForm.getByLabel('Expires after').selectOption({ label: '1 day' });
    await ipForm.getByRole('button', { name: 'Add' }).click();
    const ranges = admin.getByRole('table', { name: 'Blocked IP addresses' });
    const rangeRow = ranges.getByRole('row').filter({ hasText: range });
    await expect(rangeRow).toContainText('They wait for approval');
    await expect(rangeRow).toContainText(`Test network ${suffix}`);
    await expectNoSeriousViolations(admin);
    await rangeRow.getByRole('button', { name: 'Remove', exact: true }).click();
    await rangeRow.getByRole('button', { name: `Remove the block of ${range}` }).click();
    await expect(admin.getByRole('status').filter({ hasText: `${range} is no longer blocked.` })).toBeVisible();
    await expect(admin.getByRole('row').filter({ hasText: range })).toHaveCount(0);

    // And the email domain's block goes too, so other tests' sign-ups are as before.
    const domainRow = domains.getByRole('row').filter({ hasText: 'blocked.example' });
    await domainRow.getByRole('button', { name: 'Remove', exact: true }).click();
    await domainRow.getByRole('button', { name: 'Remove the block of blocked.example' }).click();
    await expect(admin.getByRole('row').filter({ hasText: 'blocked.example' })).toHaveCount(0);
  } finally {
    // Other tests on this server sign up at once.
    await graphql(admin, setMode('OPEN'));
  }
  expect(errors).toEqual([]);
});

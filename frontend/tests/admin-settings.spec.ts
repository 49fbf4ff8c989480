// An administrator keeps the server's rules and settings and makes a role of their own, then
// reads each of those actions in the audit log; a member reads their account's standing.
import { expect, test, type Page } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, graphql, signInAs, signUp, watchForErrors } from './support';


/** A position free for a new role: above the lowest role, below the viewer's own. */
async function freePosition(page: Page): Promise<number> {
  const { roles, viewerRole } = await graphql<{ roles: { position: number }[]; viewerRole: { position: number } | null }>(
    page,
    '{ roles { position } viewerRole { position } }',
  );
  const taken = new Set(roles.map((role) => role.position));
  const lowest = Math.min(...taken);
  for (let position = lowest + 1; position < (viewerRole?.position ?? lowest + 2); position += 1) {
    if (!taken.has(position)) return position;
  }
  return lowest + 1;
}

test('an administrator’s changes of rules, settings and roles are in the audit log', async ({ browser }) => {
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const adminName = `admin_${suffix}`;
  createStaff(adminName, 'admin');
  const page = await (await browser.newContext()).newPage();
  watchForErrors(page, errors);
  await signInAs(page, adminName);

  // Rules: two added, the second moved above the first, saved together.
  const kind = `Be kind ${suffix}`;
  const spam = `No spam ${suffix}`;
  await page.goto('/admin/rules');
  await expect(page.getByRole('heading', { level: 1, name: 'Rules' })).toBeVisible();
  await page.getByRole('button', { name: 'Add a rule' }).click();
  const rules = page.getByRole('list', { name: 'The rules, in order' });
  const count = await rules.getByRole('listitem').count();
  await expect(page.getByLabel(`Rule ${count}`, { exact: true })).toBeFocused();
  await page.getByLabel(`Rule ${count}`, { exact: true }).fill(spam);
  await page.getByRole('button', { name: 'Add a rule' }).click();
  await page.getByLabel(`Rule ${count + 1}`, { exact: true }).fill(kind);
  await page.getByLabel(`Explanation of rule ${count + 1}`).fill('No harassment, no slurs.');
  await page.getByRole('button', { name: `Move rule ${count + 1} up` }).click();
  // The focus stays with the rule moved: on its button up, or, once at the top, its button down.
  await expect(page.getByRole('button', { name: count === 1 ? 'Move rule 1 down' : `Move rule ${count} up` })).toBeFocused();
  await expect(page.getByLabel(`Rule ${count}`, { exact: true })).toHaveValue(kind);
  await expectNoSeriousViolations(page);
  await page.getByRole('button', { name: 'Save the rules' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The rules are saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(`Rule ${count}`, { exact: true })).toHaveValue(kind);
  await expect(page.getByLabel(`Rule ${count + 1}`, { exact: true })).toHaveValue(spam);
  await expect(page.getByLabel(`Explanation of rule ${count}`)).toHaveValue('No harassment, no slurs.');

  // Settings: a length out of range is refused beside its field, then a good one is saved.
  const serverName = `Rookery ${suffix}`;
  await page.goto('/admin/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Server settings' })).toBeVisible();
  await page.getByLabel('Server name').fill(serverName);
  await page.getByRole('radio', { name: /^With approval/ }).check();
  const length = page.getByLabel('Longest post, in characters');
  await length.fill('50');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(length).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoSeriousViolations(page);
  await length.fill('1000');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The settings are saved.' })).toBeVisible();
  await expect(length).not.toHaveAttribute('aria-invalid', 'true');
  await page.reload();
  await expect(page.getByLabel('Server name')).toHaveValue(serverName);
  await expect(page.getByLabel('Longest post, in characters')).toHaveValue('1000');
  await expect(page.getByRole('radio', { name: /^With approval/ })).toBeChecked();
  // Put back, so that the other specs' visitors may still sign up.
  await page.getByRole('radio', { name: /^Open/ }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The settings are saved.' })).toBeVisible();

  // Roles: the built-in ones are shown, not editable; a new one gives one permission.
  const roleName = `Helpers ${suffix}`;
  const position = await freePosition(page);
  await page.goto('/admin/roles');
  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
  const roles = page.getByRole('list', { name: 'Roles, highest first' }).getByRole('listitem');
  const admin = roles.filter({ has: page.getByText('Admin', { exact: true }) });
  await expect(admin.getByText('Built in')).toBeVisible();
  await expect(admin.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'New role' }).click();
  const form = page.getByRole('form', { name: 'New role' });
  await expect(form.getByLabel('Name')).toBeFocused();
  await form.getByLabel('Name').fill(roleName);
  await form.getByLabel('Give it a colour').check();
  await form.getByLabel('Colour', { exact: true }).fill('#2a9d8f');
  await form.getByLabel('Position').fill(String(position));
  await form.getByRole('checkbox', { name: 'Read the audit log' }).check();
  await expectNoSeriousViolations(page);
  await form.getByRole('button', { name: 'Save role' }).click();
  await expect(page.getByText(`The role ${roleName} is made.`)).toBeVisible();
  const made = roles.filter({ hasText: roleName });
  await expect(made).toContainText('1 permission');
  await expect(made).toContainText(`Position ${position}`);
  await expect(made.getByRole('img', { name: 'Colour #2a9d8f' })).toBeVisible();
  await expect(made.getByRole('button', { name: `Edit ${roleName}` })).toBeVisible();

  // The audit log holds each of those actions.
  await page.goto('/admin/audit');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const entries = page.getByRole('list', { name: 'Entries of the audit log' }).getByRole('listitem');
  await expect(entries.filter({ has: page.locator('code', { hasText: /^rules\./ }) }).first()).toBeVisible();
  await expect(entries.filter({ has: page.locator('code', { hasText: /^instance\./ }) }).first()).toBeVisible();
  const roleEntry = entries.filter({ has: page.locator('code', { hasText: /^role\./ }) }).filter({ hasText: roleName });
  await expect(roleEntry).toHaveCount(1);
  await expect(roleEntry).toContainText(`@${adminName}`);
  await expect(roleEntry).toContainText('Read the audit log');
  await expectNoSeriousViolations(page);

  // Narrowed to changes of roles, then to what this administrator did.
  await page.getByLabel('Actions').selectOption({ label: 'Changes of roles' });
  await expect(page).toHaveURL(/[?&]action=role\./);
  await expect(entries.filter({ has: page.locator('code', { hasText: /^instance\./ }) })).toHaveCount(0);
  await expect(roleEntry).toHaveCount(1);
  await roleEntry.getByRole('link', { name: `Only what @${adminName} did` }).click();
  await expect(page).toHaveURL(/[?&]actor=/);
  await expect(roleEntry).toHaveCount(1);
  await page.getByRole('link', { name: 'Show everyone’s actions' }).click();
  await expect(page).not.toHaveURL(/[?&]actor=/);

  // A member with no strikes reads so in their settings.
  const member = await (await browser.newContext()).newPage();
  watchForErrors(member, errors);
  await signUp(member, `member_${suffix}`);
  await member.goto('/settings/strikes');
  await expect(member.getByRole('heading', { level: 1, name: 'Account standing' })).toBeVisible();
  await expect(member.getByText('The moderators have taken no action on your account.')).toBeVisible();
  await expectNoSeriousViolations(member);
  expect(errors).toEqual([]);
});

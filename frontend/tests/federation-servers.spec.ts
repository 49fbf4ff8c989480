// The owner puts a server on the allowlist, federates only with the allowlist (after confirming
// that it cuts off every other server), goes back to federating with every server but those
// blocked, and takes the server off the allowlist; then opens the page of a server this one
// knows nothing of and reads its figures, all zero, its software not read.
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, graphql, watchForErrors } from './support';

const password = 'correct horse battery staple';

/** Makes an administrator of the tests' server with its command line, as an operator would. */
function createAdmin(username: string): void {
  const binary = process.env.ROOKERY_BIN ?? '';
  const dataDir = process.env.ROOKERY_E2E_DATA_DIR ?? '';
  const args = ['admin', 'create-user', '--username', username, '--email', `${username}@example.com`];
  execFileSync(binary, [...args, '--role', 'admin', '--password-stdin'], {
    input: `${password}\n`,
    env: { ...process.env, ROOKERY_DATA_DIR: dataDir, ROOKERY_LOG__LEVEL: 'warn' },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
}

const allowed = 'allowed.example';

test('the owner allows a server, federates only with the allowlist and back, and reads a server’s page', async ({ browser }) => {
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const ownerName = `owner_${suffix}`;
  createAdmin(ownerName);
  const owner = await (await browser.newContext()).newPage();
  watchForErrors(owner, errors);
  const signedIn = await owner.request.post('/auth/session', {
    headers: { 'X-Rookery-CSRF': '1' },
    data: { username: ownerName, password },
  });
  expect(signedIn.ok()).toBe(true);

  try {
    await owner.goto('/admin/federation');
    await expect(owner.getByRole('heading', { level: 1, name: 'Blocked servers' })).toBeVisible();
    await expect(
      owner.getByRole('navigation', { name: 'Moderation' }).getByRole('link', { name: 'Servers' }),
    ).toHaveAttribute('aria-current', 'page');
    const mode = owner.getByRole('region', { name: 'Federation mode' });
    const current = mode.getByText('This server federates with:');
    await expect(current).toContainText('Every server but those blocked');
    await expect(mode.getByRole('radio', { name: 'Every server but those blocked' })).toBeChecked();
    await expect(owner.getByRole('region', { name: 'Known servers' })).toBeVisible();

    // A server on the allowlist.
    const allowlist = mode.getByRole('region', { name: 'Allowlist', exact: true });
    await allowlist.getByLabel('Server’s domain').fill(allowed);
    await allowlist.getByRole('button', { name: 'Allow', exact: true }).click();
    await expect(owner.getByRole('status').filter({ hasText: `${allowed} is on the allowlist.` })).toBeVisible();
    const allowedRow = allowlist.getByRole('table', { name: 'Allowed servers' }).getByRole('row').filter({ hasText: allowed });
    await expect(allowedRow).toHaveCount(1);
    await expect(allowlist.getByLabel('Server’s domain')).toHaveValue('');
    await expectNoSeriousViolations(owner);

    // Only the allowlist: asked first, since every other server is cut off.
    await mode.getByRole('radio', { name: 'Only servers on the allowlist' }).check();
    await mode.getByRole('button', { name: 'Change the mode' }).click();
    const question = mode.getByRole('group', { name: /Federate only with the allowlist\?/ });
    await expect(question).toBeVisible();
    await expect(question.getByRole('button', { name: 'Federate only with the allowlist' })).toBeFocused();
    await expectNoSeriousViolations(owner);
    await question.getByRole('button', { name: 'Federate only with the allowlist' }).click();
    await expect(
      owner.getByRole('status').filter({ hasText: 'This server now federates with: Only servers on the allowlist.' }),
    ).toBeVisible();
    await expect(current).toContainText('Only servers on the allowlist');
    await expect(question).toHaveCount(0);

    // The server keeps it.
    await owner.reload();
    await expect(owner.getByRole('region', { name: 'Federation mode' }).getByText('This server federates with:')).toContainText(
      'Only servers on the allowlist',
    );
    await expect(mode.getByRole('radio', { name: 'Only servers on the allowlist' })).toBeChecked();

    // Back to every server but those blocked: nothing to confirm. Other specs share this server.
    await mode.getByRole('radio', { name: 'Every server but those blocked' }).check();
    await mode.getByRole('button', { name: 'Change the mode' }).click();
    await expect(
      owner.getByRole('status').filter({ hasText: 'This server now federates with: Every server but those blocked.' }),
    ).toBeVisible();
    await expect(current).toContainText('Every server but those blocked');
    const { federationMode } = await graphql<{ federationMode: string }>(owner, '{ federationMode }');
    expect(federationMode).toBe('BLOCKLIST');

    // Off the allowlist again, after confirming.
    await allowedRow.getByRole('button', { name: 'Remove', exact: true }).click();
    await allowedRow.getByRole('button', { name: `Remove ${allowed}` }).click();
    await expect(owner.getByRole('status').filter({ hasText: `${allowed} is no longer on the allowlist.` })).toBeVisible();
    await expect(allowedRow).toHaveCount(0);

    // The known servers, searched by a part of their domain.
    const known = owner.getByRole('region', { name: 'Known servers' });
    await known.getByRole('searchbox', { name: 'Find a server' }).fill(`nowhere-${suffix}`);
    await expect(known.getByText(`No known server’s domain contains “nowhere-${suffix}”.`)).toBeVisible();

    // A server nothing is known of: every figure zero.
    await owner.goto('/admin/federation/nowhere.example');
    await expect(owner.getByRole('heading', { level: 1, name: 'nowhere.example' })).toBeVisible();
    const figures = owner.getByRole('table', { name: 'Figures' });
    const figure = (name: string) =>
      figures.getByRole('row').filter({ has: owner.getByRole('rowheader', { name, exact: true }) }).getByRole('cell');
    for (const name of [
      'Accounts known',
      'Posts kept',
      'Its accounts followed from here',
      'Accounts here it follows',
      'Failed deliveries',
      'Days deliveries failed',
    ]) {
      await expect(figure(name)).toHaveText('0');
    }
    await expect(figure('Unavailable for delivery')).toHaveText('No');
    await expect(figure('Last heard from')).toHaveText('Never');
    await expect(figure('Software')).toHaveText('Not read yet');
    await expect(owner.getByRole('region', { name: 'Block', exact: true })).toContainText('This server is not blocked.');
    const serverAllowlist = owner.getByRole('region', { name: 'Allowlist', exact: true });
    await expect(serverAllowlist).toContainText('This server is not on the allowlist.');
    await expect(serverAllowlist.getByRole('button', { name: 'Allow', exact: true })).toBeVisible();
    await expectNoSeriousViolations(owner);

    await owner.getByRole('link', { name: 'All servers' }).click();
    await expect(owner).toHaveURL(/\/admin\/federation$/);
    await expect(owner.getByRole('heading', { level: 1, name: 'Blocked servers' })).toBeVisible();
  } finally {
    // Other specs on this server federate with every server.
    await graphql(owner, 'mutation { setFederationMode(input: {mode: BLOCKLIST}) { mode } }');
    const { domainAllows } = await graphql<{ domainAllows: { id: string; domain: string }[] }>(owner, '{ domainAllows { id domain } }');
    for (const allow of domainAllows.filter((item) => item.domain === allowed)) {
      await graphql(owner, 'mutation ($id: ID!) { removeDomainAllow(input: {id: $id}) { removedId } }', { id: allow.id });
    }
  }
  expect(errors).toEqual([]);
});

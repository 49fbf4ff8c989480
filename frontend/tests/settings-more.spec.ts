// The settings beyond the profile: lists with their timelines, filters that fold posts,
// access tokens whose secret shows once, blocked servers, webhooks, pictures on the profile;
// and every settings page passes axe.
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations, graphql, signUp, uniqueName, watchForErrors } from './support';

test.describe.configure({ timeout: 90_000 });

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function post(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'What’s on your mind?' }).fill(text);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(page.getByRole('article').filter({ hasText: text })).toBeVisible();
}

async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeFocused();
}

test('a list is created, renamed, filled, read as a timeline and deleted', async ({ browser, page }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  // Someone to put on the list, with a post.
  const other = await (await browser.newContext()).newPage();
  watchForErrors(other, errors);
  const rook = uniqueName('rook');
  await signUp(other, rook);
  const rookPost = `Cawing at dawn ${Date.now().toString(36)}`;
  await post(other, rookPost);

  await signUp(page, uniqueName('lister'));
  const found = await graphql<{ accountByHandle: { id: string } }>(page, 'query($h: String!) { accountByHandle(handle: $h) { id } }', {
    h: rook,
  });
  await graphql(page, 'mutation($id: ID!) { follow(input: { accountId: $id }) { __typename } }', { id: found.accountByHandle.id });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lists' })).toBeFocused();
  await expect(page.getByText('You have no lists yet.')).toBeVisible();
  await page.getByRole('link', { name: 'Manage lists' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lists' })).toBeFocused();
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Lists' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  await page.getByLabel('New list’s title').fill('Birders');
  await page.getByRole('button', { name: 'Create list' }).click();
  const lists = page.getByRole('list', { name: 'Your lists' });
  const item = lists.getByRole('listitem').filter({ hasText: 'Birders' });
  await expect(item.getByRole('link', { name: 'Birders' })).toBeVisible();
  await expect(page.getByLabel('New list’s title')).toHaveValue('');
  await expectNoSeriousViolations(page);

  await item.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByLabel('New title for Birders')).toBeFocused();
  await page.getByLabel('New title for Birders').fill('Rook watchers');
  await page.getByRole('button', { name: 'Save' }).click();
  const renamed = lists.getByRole('listitem').filter({ hasText: 'Rook watchers' });
  await expect(renamed.getByRole('link', { name: 'Rook watchers' })).toBeVisible();
  await page.reload();
  await expect(renamed.getByRole('link', { name: 'Rook watchers' })).toBeVisible();

  // Someone followed goes on it, by handle.
  await renamed.getByText('Nobody on it').click();
  await renamed.getByLabel('Add someone you follow to Rook watchers').fill(`@${rook}`);
  await renamed.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(renamed.getByText('1 person on it')).toBeVisible();
  await expect(renamed.getByRole('button', { name: `Remove @${rook} from Rook watchers` })).toBeVisible();
  await expectNoSeriousViolations(page);

  await renamed.getByRole('link', { name: 'Rook watchers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rook watchers' })).toBeFocused();
  await expect(page).toHaveURL(/\/lists\/[A-Za-z0-9_-]+$/);
  const timeline = page.getByRole('region', { name: 'Posts on Rook watchers' });
  await expect(timeline.getByRole('article').filter({ hasText: rookPost })).toBeVisible();
  await expectNoSeriousViolations(page);

  // The lists page links to it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lists' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lists' })).toBeFocused();
  await expect(page.getByRole('main').getByRole('link', { name: 'Rook watchers' })).toBeVisible();
  await expectNoSeriousViolations(page);

  await page.getByRole('link', { name: 'Manage lists' }).click();
  const again = page.getByRole('list', { name: 'Your lists' }).getByRole('listitem').filter({ hasText: 'Rook watchers' });
  await again.getByText('1 person on it').click();
  await again.getByRole('button', { name: `Remove @${rook} from Rook watchers` }).click();
  await expect(again.getByText('Nobody on it')).toBeVisible();
  await again.getByRole('button', { name: 'Delete' }).click();
  await expect(again.getByText('Delete the list Rook watchers? The people on it are not unfollowed.')).toBeVisible();
  await expect(again.getByRole('button', { name: 'Delete Rook watchers' })).toBeFocused();
  await again.getByRole('button', { name: 'Delete Rook watchers' }).click();
  await expect(page.getByText('You have no lists yet.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('You have no lists yet.')).toBeVisible();

  expect(errors).toEqual([]);
});

test('a filter with a keyword folds a matching post behind its title', async ({ page }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  await signUp(page, uniqueName('filterer'));
  await page.goto('/settings/filters');
  await expect(page.getByRole('heading', { level: 1, name: 'Filters' })).toBeVisible();
  await expect(page.getByText('You have no filters yet.')).toBeVisible();

  await page.getByRole('button', { name: 'New filter' }).click();
  await page.getByLabel('Title').fill('Spoilers');
  await page.getByLabel('Keyword 1').fill('finale');
  await page.getByLabel('Ends').selectOption({ label: 'In 1 week' });
  await expectNoSeriousViolations(page);
  await page.getByRole('button', { name: 'Save filter' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The filter is saved.' })).toBeVisible();
  const filter = page.getByRole('list', { name: 'Your filters' }).getByRole('listitem').filter({ hasText: 'Spoilers' });
  await expect(filter.getByText(/finale · Show behind a warning · Ends /)).toBeVisible();
  await page.reload();
  await expect(filter.getByText(/finale · Show behind a warning/)).toBeVisible();

  // A post with the keyword shows folded on the home timeline.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  const text = `The finale was grand ${Date.now().toString(36)}`;
  await page.getByRole('textbox', { name: 'What’s on your mind?' }).fill(text);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await page.reload();
  const folded = page.getByRole('article').filter({ hasText: 'Filtered: Spoilers' }).first();
  await expect(folded).toBeVisible();
  await expect(folded.getByText(text)).toHaveCount(0);
  await folded.getByRole('button', { name: 'Show anyway' }).click();
  await expect(folded.getByText(text)).toBeVisible();

  // Editing: the filter hides instead.
  await page.goto('/settings/filters');
  await filter.getByRole('button', { name: 'Edit' }).click();
  await filter.getByLabel('Hide completely').check();
  await filter.getByRole('button', { name: 'Save filter' }).click();
  await expect(filter.getByText(/finale · Hide completely/)).toBeVisible();

  await filter.getByRole('button', { name: 'Delete' }).click();
  await filter.getByRole('button', { name: 'Delete Spoilers' }).click();
  await expect(page.getByText('You have no filters yet.')).toBeVisible();

  expect(errors).toEqual([]);
});

test('an access token’s secret shows once, and revoking it asks first', async ({ page, context }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signUp(page, uniqueName('tokener'));
  await page.goto('/settings/tokens');
  await expect(page.getByRole('heading', { level: 1, name: 'Access tokens' })).toBeVisible();
  await expect(page.getByText('You have no access tokens.')).toBeVisible();

  await page.getByLabel('Name', { exact: true }).fill('Backup script');
  await page.getByLabel('Write', { exact: true }).check();
  await page.getByRole('button', { name: 'Create token' }).click();
  const secretBox = page.getByRole('region', { name: 'The secret of Backup script' });
  await expect(secretBox.getByText('Copy it now: it is shown this once and cannot be read again.')).toBeVisible();
  const secret = await secretBox.getByRole('textbox').inputValue();
  expect(secret.length).toBeGreaterThan(20);
  await secretBox.getByRole('button', { name: 'Copy' }).click();
  await expect(secretBox.getByText('Copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expectNoSeriousViolations(page);

  // The token works as a bearer token.
  const answer = await page.request.post('/graphql', {
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    data: { query: '{ viewer { acct } }' },
  });
  expect(((await answer.json()) as { data: { viewer: { acct: string } | null } }).data.viewer?.acct).toMatch(/^tokener_/);

  const token = page.getByRole('list', { name: 'Your access tokens' }).getByRole('listitem').filter({ hasText: 'Backup script' });
  await expect(token.getByText(/Read, Write/)).toBeVisible();

  await page.reload();
  await expect(token).toBeVisible();
  await expect(page.getByRole('region', { name: 'The secret of Backup script' })).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  await token.getByRole('button', { name: 'Revoke' }).click();
  await expect(token.getByText('Revoke the token Backup script? Whatever uses it stops working at once.')).toBeVisible();
  await token.getByRole('button', { name: 'Revoke Backup script' }).click();
  await expect(page.getByText('You have no access tokens.')).toBeVisible();
  const refused = await page.request.post('/graphql', {
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    data: { query: '{ viewer { acct } }' },
  });
  const body = (await refused.json()) as { data?: { viewer: unknown } | null; errors?: unknown[] };
  expect(body.data?.viewer ?? null).toBeNull();

  expect(errors).toEqual([]);
});

test('a server is blocked and unblocked', async ({ page }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  await signUp(page, uniqueName('blocker'));
  await page.goto('/settings/blocked');
  await expect(page.getByRole('heading', { level: 1, name: 'Blocks' })).toBeVisible();
  await expect(page.getByText('You block nobody.')).toBeVisible();
  await expect(page.getByText('You block no servers.')).toBeVisible();

  await page.getByLabel('Server to block').fill('spam.example');
  await page.getByRole('button', { name: 'Block server' }).click();
  const servers = page.getByRole('list', { name: 'Blocked servers' });
  await expect(servers.getByRole('listitem').filter({ hasText: 'spam.example' })).toBeVisible();
  await expect(page.getByLabel('Server to block')).toHaveValue('');
  await page.reload();
  await expect(servers.getByRole('listitem').filter({ hasText: 'spam.example' })).toBeVisible();

  await page.getByRole('button', { name: 'Unblock spam.example' }).click();
  await expect(page.getByText('You block no servers.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('You block no servers.')).toBeVisible();

  expect(errors).toEqual([]);
});

test('a webhook is added, its secret shown once, and deleted', async ({ page }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  await signUp(page, uniqueName('hooker'));
  await page.goto('/settings/webhooks');
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  await expect(page.getByText('You have no webhooks.')).toBeVisible();

  // A refused address is explained.
  await page.getByLabel('URL').fill('ftp://files.example/in');
  await page.getByRole('button', { name: 'Add webhook' }).click();
  await expect(page.getByRole('alert')).toContainText('an http or https URL');

  // Only instance-wide webhooks hear of new accounts.
  await expect(page.getByLabel('An account was created here')).toHaveCount(0);
  await page.getByLabel('For the whole server').check();
  await expect(page.getByLabel('An account was created here')).toBeVisible();
  await page.getByLabel('For the whole server').uncheck();

  await page.getByLabel('URL').fill('https://hooks.example/rookery');
  await page.getByLabel('A post was deleted').check();
  await page.getByRole('button', { name: 'Add webhook' }).click();
  const secretBox = page.getByRole('region', { name: 'The signing secret of https://hooks.example/rookery' });
  await expect(secretBox.getByText('Copy it now: it is shown this once and cannot be read again.')).toBeVisible();
  const secret = await secretBox.getByRole('textbox').inputValue();
  expect(secret.length).toBeGreaterThan(10);
  await expectNoSeriousViolations(page);
  await secretBox.getByRole('button', { name: 'I have copied it' }).click();
  await expect(secretBox).toHaveCount(0);

  const hook = page.getByRole('list', { name: 'Your webhooks' }).getByRole('listitem').filter({ hasText: 'https://hooks.example/rookery' });
  await expect(hook.getByText('A post was published, A post was deleted')).toBeVisible();
  await page.reload();
  await expect(hook).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  await hook.getByRole('button', { name: 'Delete' }).click();
  await hook.getByRole('button', { name: 'Delete the webhook to https://hooks.example/rookery' }).click();
  await expect(page.getByText('You have no webhooks.')).toBeVisible();

  expect(errors).toEqual([]);
});

test('a new avatar and header are uploaded from the profile settings', async ({ page }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  const username = uniqueName('pictured');
  await signUp(page, username);
  await page.goto('/settings/profile');
  await expect(page.getByRole('heading', { level: 1, name: 'Edit profile' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Your avatar' })).toHaveCount(0);

  await page.getByLabel('Avatar').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG });
  await page.getByLabel('Header picture').setInputFiles({ name: 'sky.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByText('Chosen: me.png')).toBeVisible();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your profile is saved.' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Your avatar' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Your header picture' })).toBeVisible();
  await expect(page.getByText('Chosen: me.png')).toHaveCount(0);

  await page.reload();
  const avatar = page.getByRole('img', { name: 'Your avatar' });
  await expect(avatar).toBeVisible();
  const source = await avatar.getAttribute('src');
  expect(source).not.toBeNull();
  expect((await page.request.get(source ?? '')).ok()).toBe(true);
  await page.goto(`/@${username}`);
  await expect(page.locator('img.avatar')).toHaveAttribute('src', source ?? '');

  expect(errors).toEqual([]);
});

test('mutes, blocks and followed hashtags are undone from the settings', async ({ browser, page }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  const others = [];
  for (const prefix of ['muted', 'blocked']) {
    const other = await (await browser.newContext()).newPage();
    const name = uniqueName(prefix);
    await signUp(other, name);
    others.push(name);
  }
  const [muted, blocked] = others as [string, string];
  await signUp(page, uniqueName('undoer'));
  const idOf = async (handle: string) =>
    (await graphql<{ accountByHandle: { id: string } }>(page, 'query($h: String!) { accountByHandle(handle: $h) { id } }', { h: handle }))
      .accountByHandle.id;
  await graphql(page, 'mutation($id: ID!) { mute(input: { accountId: $id, durationSeconds: 86400 }) { __typename } }', { id: await idOf(muted) });
  await graphql(page, 'mutation($id: ID!) { block(input: { accountId: $id }) { __typename } }', { id: await idOf(blocked) });
  await graphql(page, 'mutation { followTag(input: { tag: "#Rooks" }) { __typename } }');

  await page.goto('/settings/followed-tags');
  await expect(page.getByRole('heading', { level: 1, name: 'Followed hashtags' })).toBeVisible();
  await page.getByRole('button', { name: 'Unfollow #rooks' }).click();
  await expect(page.getByText('You follow no hashtags.')).toBeVisible();

  await openSection(page, 'Muted accounts');
  const mutedItem = page.getByRole('list', { name: 'Accounts you mute' }).getByRole('listitem').filter({ hasText: `@${muted}` });
  await expect(mutedItem.getByText(/^Until /)).toBeVisible();
  await expectNoSeriousViolations(page);
  await mutedItem.getByRole('button', { name: `Unmute @${muted}` }).click();
  await expect(page.getByText('You mute nobody.')).toBeVisible();

  await openSection(page, 'Blocks');
  await expectNoSeriousViolations(page);
  await page.getByRole('button', { name: `Unblock @${blocked}` }).click();
  await expect(page.getByText('You block nobody.')).toBeVisible();

  await page.reload();
  await expect(page.getByText('You block nobody.')).toBeVisible();
  await page.goto('/settings/muted');
  await expect(page.getByText('You mute nobody.')).toBeVisible();
  await page.goto('/settings/followed-tags');
  await expect(page.getByText('You follow no hashtags.')).toBeVisible();

  expect(errors).toEqual([]);
});

test('every settings page passes axe', async ({ page }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  await signUp(page, uniqueName('axer'));
  await page.goto('/settings/profile');
  await expect(page.getByRole('heading', { level: 1, name: 'Edit profile' })).toBeVisible();
  const sections = ['Lists', 'Filters', 'Followed hashtags', 'Muted accounts', 'Blocks', 'Access tokens', 'Webhooks', 'Sessions', 'Edit profile'];
  for (const section of sections) {
    await openSection(page, section);
    await expect(page.getByText('Loading…')).toHaveCount(0);
    await expectNoSeriousViolations(page);
  }
  await expect(page.getByText('You follow no hashtags.')).toHaveCount(0);
  await openSection(page, 'Followed hashtags');
  await expect(page.getByText('You follow no hashtags.')).toBeVisible();
  await openSection(page, 'Muted accounts');
  await expect(page.getByText('You mute nobody.')).toBeVisible();

  expect(errors).toEqual([]);
});

// Someone's post is favourited and replied to while they have the page open: the notifications
// arrive live, counted in the title and the navigation; they filter to mentions, dismiss one,
// and mark everything read, which clears the count.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { graphql, signUp, subscribed, watchForErrors } from './support';

test('notifications arrive live with the count in the title, filter by kind, and are marked read', async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const alice = await (await browser.newContext()).newPage();
  watchForErrors(alice, errors);
  const aliceName = `ann_${suffix}`;
  await signUp(alice, aliceName);
  const text = `Rooks at dawn ${suffix}`;
  await alice.getByRole('textbox', { name: 'What’s on your mind?' }).fill(text);
  await alice.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(alice.getByRole('article').filter({ hasText: text })).toBeVisible();

  // Alice opens her notifications, with none yet.
  const listening = subscribed(alice, 'notificationReceived');
  await alice.goto('/notifications');
  await expect(alice.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await expect(alice.getByText('No notifications yet.')).toBeVisible();
  await expect(alice).toHaveTitle('Notifications · Rookery');
  await listening;

  const bob = await (await browser.newContext()).newPage();
  watchForErrors(bob, errors);
  const bobName = `ben_${suffix}`;
  await signUp(bob, bobName);
  await bob.getByRole('link', { name: 'Local' }).click();
  const post = bob.getByRole('article').filter({ hasText: text });
  await post.getByRole('button', { name: /^Favourite/ }).click();
  await expect(post.getByRole('button', { name: /^Remove favourite/ })).toBeVisible();

  // It reaches Alice's open page at once, counted in the title and beside the link.
  const favourited = alice.getByText(`${bobName} favourited your post`);
  await expect(favourited).toBeVisible();
  await expect(alice).toHaveTitle('(1) Notifications · Rookery');
  const navigation = alice.getByRole('navigation', { name: 'Main' });
  await expect(navigation.getByRole('link', { name: 'Notifications (1 unread)' })).toBeVisible();

  // Bob replies, mentioning her.
  const { accountByHandle } = await graphql<{ accountByHandle: { id: string } }>(
    bob,
    'query($handle: String!) { accountByHandle(handle: $handle) { id } }',
    { handle: aliceName },
  );
  const { accountStatuses } = await graphql<{ accountStatuses: { nodes: { id: string }[] } }>(
    bob,
    'query($id: ID!) { accountStatuses(accountId: $id, first: 1) { nodes { id } } }',
    { id: accountByHandle.id },
  );
  const replyText = `@${aliceName} they were loud ${suffix}`;
  await graphql(bob, 'mutation($input: CreateStatusInput!) { createStatus(input: $input) { status { id } } }', {
    input: { text: replyText, inReplyToId: accountStatuses.nodes[0]?.id },
  });
  const mentioned = alice.getByText(`${bobName} mentioned you`);
  await expect(mentioned).toBeVisible();
  await expect(alice.getByRole('article').filter({ hasText: `they were loud ${suffix}` })).toBeVisible();
  await expect(alice).toHaveTitle('(2) Notifications · Rookery');
  await expect(navigation.getByRole('link', { name: 'Notifications (2 unread)' })).toBeVisible();

  const accessibility = await new AxeBuilder({ page: alice }).analyze();
  expect(accessibility.violations.map((violation) => violation.id)).toEqual([]);

  // Mentions alone.
  const kinds = alice.getByRole('group', { name: 'Show' });
  await kinds.getByRole('button', { name: 'Mentions' }).click();
  await expect(kinds.getByRole('button', { name: 'Mentions' })).toHaveAttribute('aria-pressed', 'true');
  await expect(favourited).toBeHidden();
  await expect(mentioned).toBeVisible();
  await kinds.getByRole('button', { name: 'Favourites' }).click();
  await expect(favourited).toBeVisible();
  await expect(mentioned).toBeHidden();
  await kinds.getByRole('button', { name: 'All' }).click();
  await expect(mentioned).toBeVisible();

  // Marking all read clears the count, in the title and beside the link, and stays so.
  await alice.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(alice).toHaveTitle('Notifications · Rookery');
  await expect(navigation.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  await expect(alice.getByRole('button', { name: 'Mark all as read' })).toBeDisabled();

  // Dismissing one takes it away for good.
  await alice.getByRole('button', { name: `Dismiss: ${bobName} favourited your post` }).click();
  await expect(favourited).toBeHidden();
  await alice.reload();
  await expect(mentioned).toBeVisible();
  await expect(favourited).toBeHidden();
  await expect(alice).toHaveTitle('Notifications · Rookery');

  expect(errors).toEqual([]);
});

// People follow, mute and block one another from profiles, list who follows whom, and a
// locked account answers follow requests.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoSeriousViolations, signedUpPage, uniqueName } from './support';

/** Someone new, signed up in a browser of their own. */
async function person(browser: Browser, errors: string[], prefix: string): Promise<{ page: Page; username: string }> {
  const username = uniqueName(prefix);
  return { page: await signedUpPage(browser, username, errors), username };
}

test('following shows on the followers list; muting and blocking change and revert', async ({ browser }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  const alice = await person(browser, errors, 'alice');
  const bob = await person(browser, errors, 'bob');

  await alice.page.goto(`/@${bob.username}`);
  await expect(alice.page.getByRole('heading', { level: 1, name: bob.username })).toBeVisible();
  await expect(alice.page.getByText(`@${bob.username}`, { exact: true })).toBeVisible();
  await expect(alice.page.getByRole('link', { name: 'Posts and replies' })).toBeVisible();
  await expect(alice.page.getByRole('link', { name: 'Media' })).toBeVisible();
  await expectNoSeriousViolations(alice.page);

  const actions = alice.page.getByRole('group', { name: 'Your relationship' });
  await actions.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(actions.getByRole('button', { name: 'Unfollow', exact: true })).toBeVisible();
  await expect(alice.page.getByRole('link', { name: '1 follower' })).toBeVisible();

  // Bob sees Alice among his followers, and that she follows him.
  await bob.page.goto(`/@${bob.username}`);
  await expect(bob.page.getByRole('group', { name: 'Your relationship' })).toHaveCount(0);
  await bob.page.getByRole('link', { name: '1 follower' }).click();
  await expect(bob.page).toHaveURL(new RegExp(`/@${bob.username}/followers$`));
  const followers = bob.page.getByRole('list', { name: 'Followers' });
  await expect(followers.getByRole('link', { name: new RegExp(alice.username) })).toBeVisible();
  await expectNoSeriousViolations(bob.page);
  await followers.getByRole('link', { name: new RegExp(alice.username) }).click();
  await expect(bob.page.getByText('Follows you')).toBeVisible();
  await bob.page.goto(`/@${alice.username}/following`);
  await expect(bob.page.getByRole('list', { name: 'Following' }).getByRole('link', { name: new RegExp(bob.username) })).toBeVisible();

  // Alice puts Bob on a new list, and the list keeps him.
  await actions.getByRole('button', { name: 'Lists', exact: true }).click();
  const listsDialog = alice.page.getByRole('dialog', { name: `Lists with @${bob.username}` });
  await listsDialog.getByLabel('New list').fill('Birders');
  await listsDialog.getByRole('button', { name: 'Create list' }).click();
  await listsDialog.getByRole('checkbox', { name: 'Birders' }).check();
  await expect(listsDialog.getByRole('checkbox', { name: 'Birders' })).toBeChecked();
  await expectNoSeriousViolations(alice.page);
  await listsDialog.getByRole('button', { name: 'Done' }).click();
  await alice.page.reload();
  await actions.getByRole('button', { name: 'Lists', exact: true }).click();
  await expect(listsDialog.getByRole('checkbox', { name: 'Birders' })).toBeChecked();
  await listsDialog.getByRole('checkbox', { name: 'Birders' }).uncheck();
  await expect(listsDialog.getByRole('checkbox', { name: 'Birders' })).not.toBeChecked();
  await listsDialog.getByRole('button', { name: 'Done' }).click();

  // Muting for an hour, then unmuting.
  await actions.getByRole('button', { name: 'Mute', exact: true }).click();
  const muteDialog = alice.page.getByRole('dialog', { name: `Mute @${bob.username}` });
  await muteDialog.getByLabel('1 hour').check();
  await expect(muteDialog.getByLabel('Hide notifications from them too')).toBeChecked();
  await expectNoSeriousViolations(alice.page);
  await muteDialog.getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(actions.getByText(/Muted until/)).toBeVisible();
  await actions.getByRole('button', { name: 'Unmute', exact: true }).click();
  await expect(actions.getByRole('button', { name: 'Mute', exact: true })).toBeVisible();
  await expect(actions.getByText(/Muted/)).toHaveCount(0);

  // Blocking asks first, ends the follow, and reverts.
  await actions.getByRole('button', { name: 'Block', exact: true }).click();
  const blockDialog = alice.page.getByRole('dialog', { name: `Block @${bob.username}?` });
  await blockDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(actions.getByRole('button', { name: 'Unfollow', exact: true })).toBeVisible();
  await actions.getByRole('button', { name: 'Block', exact: true }).click();
  await blockDialog.getByRole('button', { name: 'Block', exact: true }).click();
  await expect(actions.getByRole('button', { name: 'Unblock', exact: true })).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Unfollow', exact: true })).toHaveCount(0);
  await alice.page.reload();
  await expect(actions.getByRole('button', { name: 'Unblock', exact: true })).toBeVisible();
  await actions.getByRole('button', { name: 'Unblock', exact: true }).click();
  await expect(actions.getByRole('button', { name: 'Block', exact: true })).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Follow', exact: true })).toBeVisible();

  expect(errors).toEqual([]);
});

test('a locked account’s follows are requests it accepts on the follow requests page', async ({ browser }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  const dora = await person(browser, errors, 'dora');
  const cleo = await person(browser, errors, 'cleo');

  await dora.page.goto('/settings/profile');
  await dora.page.getByLabel('Approve followers by hand').check();
  await dora.page.getByRole('button', { name: 'Save changes' }).click();
  await expect(dora.page.getByRole('status').filter({ hasText: 'Your profile is saved.' })).toBeVisible();

  await cleo.page.goto(`/@${dora.username}`);
  await expect(cleo.page.getByText('Follows need approval')).toBeVisible();
  const actions = cleo.page.getByRole('group', { name: 'Your relationship' });
  await actions.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(actions.getByText('Requested', { exact: true })).toBeVisible();
  // Withdrawing the request, and asking again.
  await actions.getByRole('button', { name: 'Cancel request' }).click();
  await expect(actions.getByRole('button', { name: 'Follow', exact: true })).toBeVisible();
  await actions.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(actions.getByText('Requested', { exact: true })).toBeVisible();

  await dora.page.goto('/notifications');
  await dora.page.getByRole('link', { name: /Follow requests/ }).first().click();
  await expect(dora.page.getByRole('heading', { level: 1, name: 'Follow requests' })).toBeVisible();
  const requests = dora.page.getByRole('list', { name: 'Follow requests' });
  await expect(requests.getByRole('link', { name: new RegExp(cleo.username) })).toBeVisible();
  await expectNoSeriousViolations(dora.page);
  await requests.getByRole('button', { name: `Accept @${cleo.username}` }).click();
  await expect(requests.getByRole('link', { name: new RegExp(cleo.username) })).toHaveCount(0);
  await expect(dora.page.getByText('No one is waiting for an answer.')).toBeVisible();

  await cleo.page.reload();
  await expect(actions.getByRole('button', { name: 'Unfollow', exact: true })).toBeVisible();
  await dora.page.goto(`/@${dora.username}/followers`);
  await expect(dora.page.getByRole('list', { name: 'Followers' }).getByRole('link', { name: new RegExp(cleo.username) })).toBeVisible();

  expect(errors).toEqual([]);
});

// The owner announces something at /admin/announcements: a member with another page open sees
// it appear above the page without reloading, dismisses it, and it stays dismissed after a
// reload; another announcement, edited, unpublished, published again and deleted, changes and
// leaves the member's page live.
import { expect, test, type Page } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, graphql, signInAs, signUp, subscribed, watchForErrors } from './support';


/** Deletes the announcements holding `suffix`, so that the specs after this one see none. */
async function deleteAnnouncements(page: Page, suffix: string): Promise<void> {
  const { adminAnnouncements } = await graphql<{ adminAnnouncements: { id: string; text: string }[] }>(
    page,
    '{ adminAnnouncements { id text } }',
  );
  for (const announcement of adminAnnouncements.filter((found) => found.text.includes(suffix))) {
    await graphql(page, 'mutation($id: ID!) { deleteAnnouncement(input: {id: $id}) { deletedAnnouncementId } }', { id: announcement.id });
  }
}

test('announcements reach people signed in live, stay dismissed, and leave when deleted', async ({ browser }) => {
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const ownerName = `owner_${suffix}`;
  createStaff(ownerName, 'owner');
  const owner = await (await browser.newContext()).newPage();
  watchForErrors(owner, errors);
  await signInAs(owner, ownerName);

  try {
    // A member signs up and reads the local timeline, listening for announcements.
    const member = await (await browser.newContext()).newPage();
    watchForErrors(member, errors);
    const listening = subscribed(member, 'announcementUpdates');
    await signUp(member, `member_${suffix}`);
    await member.getByRole('link', { name: 'Local' }).click();
    await expect(member.getByRole('heading', { level: 1, name: 'Local timeline' })).toBeVisible();
    await listening;
    const banner = member.getByRole('region', { name: 'Announcements' });

    // The owner opens the announcements page; an empty text is refused beside its field.
    await owner.goto('/admin/announcements');
    await expect(owner.getByRole('heading', { level: 1, name: 'Announcements' })).toBeVisible();
    const form = owner.getByRole('form', { name: 'New announcement' });
    const textField = form.getByLabel('Text');
    await form.getByRole('button', { name: 'Make announcement' }).click();
    await expect(form.getByRole('alert')).toHaveText('Write the announcement’s text.');
    await expect(textField).toHaveAttribute('aria-invalid', 'true');
    await expect(textField).toBeFocused();
    // An end before the start is refused beside the end.
    await textField.fill(`Not yet ${suffix}`);
    await form.getByLabel('Starts (optional)').fill('2030-01-02T10:00');
    await form.getByLabel('Ends (optional)').fill('2030-01-01T10:00');
    await form.getByRole('button', { name: 'Make announcement' }).click();
    await expect(form.getByRole('alert')).toHaveText('The end must come after the start.');
    await expect(form.getByLabel('Ends (optional)')).toHaveAttribute('aria-invalid', 'true');
    await expect(textField).not.toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousViolations(owner);
    await form.getByLabel('Starts (optional)').fill('');
    await form.getByLabel('Ends (optional)').fill('');

    // Two announcements, published at once.
    const first = `Maintenance tonight ${suffix}`;
    const second = `New emoji ${suffix}`;
    await expect(form.getByLabel('Publish now')).toBeChecked();
    await textField.fill(first);
    await form.getByRole('button', { name: 'Make announcement' }).click();
    await expect(owner.getByRole('status').filter({ hasText: 'The announcement is published.' })).toBeVisible();
    await expect(textField).toHaveValue('');
    await textField.fill(second);
    await form.getByRole('button', { name: 'Make announcement' }).click();
    const list = owner.getByRole('list', { name: 'Announcements, newest first' });
    const secondRow = list.getByRole('listitem').filter({ hasText: second });
    await expect(secondRow).toContainText('Published');
    await expect(list.getByRole('listitem').first()).toContainText(second);
    await expect(list.getByRole('listitem').filter({ hasText: first })).toBeVisible();
    await expectNoSeriousViolations(owner);

    // They reach the member's open page without a reload.
    const firstShown = banner.getByRole('listitem').filter({ hasText: first });
    await expect(firstShown).toBeVisible();
    await expect(banner.getByRole('listitem').filter({ hasText: second })).toBeVisible();
    await expect(member.getByRole('heading', { level: 1, name: 'Local timeline' })).toBeVisible();
    await expectNoSeriousViolations(member);

    // The member dismisses the first; it stays dismissed after a reload.
    await firstShown.getByRole('button', { name: 'Dismiss' }).click();
    await expect(firstShown).toHaveCount(0);
    await expect(member.getByRole('status').filter({ hasText: 'Announcement dismissed.' })).toBeVisible();
    const listeningAgain = subscribed(member, 'announcementUpdates');
    await member.reload();
    await expect(member.getByRole('heading', { level: 1, name: 'Local timeline' })).toBeVisible();
    await expect(banner.getByRole('listitem').filter({ hasText: second })).toBeVisible();
    await expect(banner.getByRole('listitem').filter({ hasText: first })).toHaveCount(0);
    await listeningAgain;

    // The owner edits the second in place: the member reads the new words at once.
    const edited = `New emoji, and a new theme ${suffix}`;
    await secondRow.getByRole('button', { name: `Edit “${second}”` }).click();
    const editForm = owner.getByRole('form', { name: `Edit “${second}”` });
    await expect(editForm.getByLabel('Text')).toBeFocused();
    await editForm.getByLabel('Text').fill(edited);
    await editForm.getByRole('button', { name: 'Save announcement' }).click();
    await expect(owner.getByRole('status').filter({ hasText: 'The announcement is saved.' })).toBeVisible();
    const editedRow = list.getByRole('listitem').filter({ hasText: edited });
    await expect(editedRow.getByRole('button', { name: `Edit “${edited}”` })).toBeFocused();
    const editedShown = banner.getByRole('listitem').filter({ hasText: edited });
    await expect(editedShown).toBeVisible();

    // Unpublished, it leaves the member's page; published again, it is back.
    await editedRow.getByRole('button', { name: `Unpublish “${edited}”` }).click();
    await expect(editedRow).toContainText('Draft');
    await expect(editedShown).toHaveCount(0);
    await editedRow.getByRole('button', { name: `Publish “${edited}”` }).click();
    await expect(editedRow).toContainText('Published');
    await expect(editedShown).toBeVisible();

    // Deleted after a confirmation, it leaves the member's page without a reload.
    await editedRow.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = owner.getByRole('group', { name: `Delete “${edited}” for everyone?` });
    await expectNoSeriousViolations(owner);
    await confirm.getByRole('button', { name: 'Delete announcement' }).click();
    await expect(owner.getByRole('status').filter({ hasText: 'The announcement is deleted.' })).toBeVisible();
    await expect(list.getByRole('listitem').filter({ hasText: edited })).toHaveCount(0);
    await expect(editedShown).toHaveCount(0);
    // Nothing is left to show: the banner is gone.
    await expect(banner).toHaveCount(0);
    await expect(member.getByRole('heading', { level: 1, name: 'Local timeline' })).toBeVisible();
  } finally {
    await deleteAnnouncements(owner, suffix);
  }
  expect(errors).toEqual([]);
});

// Appeals of strikes: a moderator limits a member with a reason; the member appeals it from
// their account's standing; the moderator approves the appeal from /admin/appeals, which lifts
// the limit, and the member reads that the moderators overturned it. A warning appealed in
// turn is rejected with a reason, which the member then reads.
import { expect, test, type Page } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, graphql, signedUpPage, signInAs, watchForErrors } from './support';


/** The member's strike whose reason is `reason`, on their account's standing. */
function strikeOf(page: Page, reason: string) {
  return page.getByRole('list', { name: 'Actions on your account' }).getByRole('listitem').filter({ hasText: reason });
}

/** Appeals the strike whose reason is `reason` with `text`, from the member's settings. */
async function appeal(page: Page, reason: string, text: string): Promise<void> {
  await page.goto('/settings/strikes');
  await expect(page.getByRole('heading', { level: 1, name: 'Account standing' })).toBeVisible();
  const strike = strikeOf(page, reason);
  await expect(strike).toBeVisible();
  await strike.getByRole('button', { name: 'Appeal', exact: true }).click();
  const form = strike.getByRole('form', { name: 'Appeal this action' });
  const field = form.getByLabel('Why should the moderators reconsider this?');
  await expect(field).toBeFocused();
  await field.fill(text);
  await form.getByRole('button', { name: 'Send appeal' }).click();
  await expect(strike.getByText('Appeal sent: a moderator will decide on it.')).toBeVisible();
  await expect(strike.getByRole('button', { name: 'Appeal', exact: true })).toHaveCount(0);
}

test('a strike appealed, approved by a moderator, and a warning appealed and rejected with a reason', async ({ browser }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const adminName = `admin_${suffix}`;
  const memberName = `member_${suffix}`;
  createStaff(adminName, 'admin');

  const member = await signedUpPage(browser, memberName, errors);
  const { viewer } = await graphql<{ viewer: { id: string } }>(member, '{ viewer { id } }');

  const admin = await (await browser.newContext()).newPage();
  watchForErrors(admin, errors);
  await signInAs(admin, adminName);

  // The moderator limits the member from the account's page, with a reason of their own.
  const limitReason = `Spam in every reply ${suffix}`;
  await admin.goto(`/admin/accounts/${viewer.id}`);
  await expect(admin.getByRole('heading', { level: 1, name: `@${memberName}` })).toBeVisible();
  await admin.getByRole('button', { name: 'Limit', exact: true }).click();
  const limit = admin.getByRole('dialog', { name: `Limit @${memberName}` });
  await limit.getByLabel('Details (optional)').fill(limitReason);
  await limit.getByRole('button', { name: `Limit @${memberName}` }).click();
  await expect(admin.getByText(`Limited: @${memberName}.`)).toBeVisible();
  await expect(admin.getByRole('button', { name: 'Unlimit' })).toBeVisible();

  // The member reads the strike, may appeal it, and is told to write something first.
  await member.goto('/settings/strikes');
  await expect(member.getByRole('heading', { level: 1, name: 'Account standing' })).toBeVisible();
  const limited = strikeOf(member, limitReason);
  await expect(limited).toContainText('Limited');
  await expect(limited).toContainText('You may appeal this until');
  await limited.getByRole('button', { name: 'Appeal', exact: true }).click();
  const form = limited.getByRole('form', { name: 'Appeal this action' });
  await expect(form.getByLabel('Why should the moderators reconsider this?')).toBeFocused();
  await form.getByRole('button', { name: 'Send appeal' }).click();
  await expect(form.getByRole('alert')).toHaveText('Write why the moderators should reconsider this.');
  await expectNoSeriousViolations(member);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(limited.getByRole('form')).toHaveCount(0);
  await expect(limited.getByRole('button', { name: 'Appeal', exact: true })).toBeFocused();

  const limitAppeal = `Those were replies to friends, not spam ${suffix}`;
  await appeal(member, limitReason, limitAppeal);
  await expect(limited).toContainText(`You wrote: ${limitAppeal}`);
  await expectNoSeriousViolations(member);

  // The moderator finds it among the waiting appeals, with the strike, and approves it.
  await admin.goto('/admin/appeals');
  await expect(admin.getByRole('heading', { level: 1, name: 'Appeals' })).toBeVisible();
  await expect(admin.getByRole('navigation', { name: 'Moderation' }).getByRole('link', { name: 'Appeals' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(admin.getByRole('navigation', { name: 'Appeals by state' }).getByRole('link', { name: 'Waiting' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const waiting = admin.getByRole('list', { name: 'Appeals: Waiting' });
  const first = waiting.getByRole('listitem').filter({ hasText: limitAppeal });
  await expect(first).toBeVisible();
  await expect(first.getByRole('link', { name: `@${memberName}` })).toHaveAttribute('href', `/admin/accounts/${viewer.id}`);
  await expect(first).toContainText('Limited');
  await expect(first).toContainText(limitReason);
  await expectNoSeriousViolations(admin);
  await first.getByRole('button', { name: `Approve the appeal of @${memberName}` }).click();
  await expect(admin.getByText(`The appeal of @${memberName} is approved; what the action restricted is lifted.`)).toBeVisible();
  await expect(first).toContainText('Approved');
  await expect(first).toContainText(`by @${adminName}`);
  await expect(first.getByRole('button')).toHaveCount(0);

  // What the strike restricted is lifted.
  await first.getByRole('link', { name: `@${memberName}` }).click();
  await expect(admin.getByRole('heading', { level: 1, name: `@${memberName}` })).toBeVisible();
  await expect(admin.getByRole('button', { name: 'Limit', exact: true })).toBeVisible();
  await expect(admin.getByRole('button', { name: 'Unlimit' })).toHaveCount(0);

  // The member reads that the moderators overturned it.
  await member.goto('/settings/strikes');
  await expect(strikeOf(member, limitReason)).toContainText('Appeal approved: the moderators overturned this.');

  // A warning, appealed in turn, is rejected with a reason.
  const warnReason = `Rude replies ${suffix}`;
  await graphql(admin, 'mutation($input: ModerateAccountInput!) { moderateAccount(input: $input) { strike { id } } }', {
    input: { accountId: viewer.id, action: 'WARN', reason: warnReason, notify: false },
  });
  const warnAppeal = `I apologised to them the same day ${suffix}`;
  await appeal(member, warnReason, warnAppeal);

  await admin.goto('/admin/appeals');
  const second = admin.getByRole('list', { name: 'Appeals: Waiting' }).getByRole('listitem').filter({ hasText: warnAppeal });
  await expect(second).toContainText('Warned');
  await expect(second).toContainText(warnReason);
  // The one approved before waits no more.
  await expect(admin.getByRole('listitem').filter({ hasText: limitAppeal })).toHaveCount(0);
  const reject = second.getByRole('button', { name: `Reject the appeal of @${memberName}` });
  await reject.click();
  await expect(reject).toHaveAttribute('aria-expanded', 'true');
  const rejection = second.getByRole('form', { name: `Reject the appeal of @${memberName}` });
  const reasonField = rejection.getByLabel(`Reason, told to @${memberName} (optional)`);
  await expect(reasonField).toBeFocused();
  const rejectionReason = `The replies broke rule 1 all the same ${suffix}`;
  await reasonField.fill(rejectionReason);
  await expectNoSeriousViolations(admin);
  await rejection.getByRole('button', { name: 'Reject appeal' }).click();
  await expect(admin.getByText(`The appeal of @${memberName} is rejected.`)).toBeVisible();
  await expect(second).toContainText('Rejected');
  await expect(second).toContainText(rejectionReason);
  await expect(second.getByRole('button')).toHaveCount(0);

  // Each decided appeal is listed under its state.
  const states = admin.getByRole('navigation', { name: 'Appeals by state' });
  await states.getByRole('link', { name: 'Rejected' }).click();
  await expect(admin).toHaveURL(/[?&]state=rejected/);
  const rejected = admin.getByRole('list', { name: 'Appeals: Rejected' }).getByRole('listitem').filter({ hasText: warnAppeal });
  await expect(rejected).toContainText(rejectionReason);
  await expect(admin.getByRole('listitem').filter({ hasText: limitAppeal })).toHaveCount(0);
  await states.getByRole('link', { name: 'Approved' }).click();
  await expect(admin).toHaveURL(/[?&]state=approved/);
  await expect(admin.getByRole('list', { name: 'Appeals: Approved' }).getByRole('listitem').filter({ hasText: limitAppeal })).toBeVisible();
  await expectNoSeriousViolations(admin);

  // The member reads the rejection and its reason; neither strike may be appealed again.
  await member.goto('/settings/strikes');
  const warned = strikeOf(member, warnReason);
  await expect(warned).toContainText('Appeal rejected: the action stands.');
  await expect(warned).toContainText(`Their reason: ${rejectionReason}`);
  await expect(strikeOf(member, limitReason)).toContainText('Appeal approved: the moderators overturned this.');
  await expect(member.getByRole('button', { name: 'Appeal', exact: true })).toHaveCount(0);
  await expectNoSeriousViolations(member);
  expect(errors).toEqual([]);
});

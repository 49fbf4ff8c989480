// Two people write to each other directly: the one written to sees the conversation arrive
// live and unread, opens it, replies, and the first sees the reply; then one leaves it.
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, signUp, watchForErrors } from './support';

test('a direct message arrives live and unread, is read, answered and left', async ({ browser }) => {
  // Two people, each signing up and reading several pages.
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const ann = await (await browser.newContext()).newPage();
  const ben = await (await browser.newContext()).newPage();
  watchForErrors(ann, errors);
  watchForErrors(ben, errors);
  const annName = `ann_${suffix}`;
  const benName = `ben_${suffix}`;
  await signUp(ann, annName);
  await signUp(ben, benName);

  // Ben waits on his (empty) conversations.
  await ben.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conversations' }).click();
  await expect(ben.getByRole('heading', { level: 1, name: 'Conversations' })).toBeFocused();
  await expect(ben.getByText('No conversations yet.', { exact: false })).toBeVisible();
  await expectNoSeriousViolations(ben);

  // Ann writes to Ben directly.
  const question = `Coming to the rook count, ${suffix}?`;
  await ann.getByRole('textbox', { name: 'What’s on your mind?' }).fill(`@${benName} ${question}`);
  await ann.getByText('Who can see it: Public').click();
  await ann.getByRole('radio', { name: /^Direct/ }).check();
  await ann.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(ann.getByRole('article').filter({ hasText: question })).toBeVisible();

  // It reaches Ben without reloading, unread, and the navigation counts it.
  const benList = ben.getByRole('navigation', { name: 'Your conversations' });
  const fromAnn = benList.getByRole('link', { name: new RegExp(`^Unread: ${annName}`) });
  await expect(fromAnn).toBeVisible();
  await expect(fromAnn).toContainText(question);
  const benNavLink = ben.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Conversations/ });
  await expect(benNavLink).toHaveAccessibleName('Conversations 1 unread');

  // Opening it shows the message and marks it read.
  await fromAnn.click();
  await expect(ben.getByRole('heading', { level: 2, name: annName })).toBeFocused();
  const benMessages = ben.getByRole('list', { name: 'Messages' });
  await expect(benMessages.getByRole('article').filter({ hasText: question })).toBeVisible();
  await expect(benNavLink).toHaveAccessibleName('Conversations');
  await expect(benList.getByRole('link', { name: new RegExp(`^${annName}`) })).toHaveAttribute('aria-current', 'page');
  await expect(benList.getByText('Unread', { exact: false })).toHaveCount(0);
  await expectNoSeriousViolations(ben);

  // Ann opens the conversation too.
  await ann.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Conversations/ }).click();
  await ann.getByRole('navigation', { name: 'Your conversations' }).getByRole('link', { name: new RegExp(benName) }).click();
  const annMessages = ann.getByRole('list', { name: 'Messages' });
  await expect(annMessages.getByRole('article').filter({ hasText: question })).toBeVisible();

  // Ben replies; the box starts with a mention of Ann, so that she receives it.
  const reply = ben.getByRole('textbox', { name: 'Reply' });
  await expect(reply).toHaveValue(`@${annName} `);
  const answer = `Yes, at noon ${suffix}.`;
  await reply.fill(`@${annName} ${answer}`);
  await ben.getByRole('button', { name: 'Send' }).click();
  await expect(benMessages.getByRole('article').filter({ hasText: answer })).toBeVisible();
  await expect(reply).toHaveValue(`@${annName} `);

  // Ann sees the reply arrive, under her question, without reloading.
  await expect(annMessages.getByRole('article').filter({ hasText: answer })).toBeVisible();
  await expect(annMessages.getByRole('article').first()).toContainText(question);

  // On a narrow screen one pane shows at a time, with a way back to the list.
  await ben.setViewportSize({ width: 600, height: 800 });
  await expect(benList).toBeHidden();
  await ben.getByRole('link', { name: 'All conversations' }).click();
  await expect(benList).toBeVisible();
  await expect(ben.getByRole('list', { name: 'Messages' })).toBeHidden();
  await benList.getByRole('link', { name: new RegExp(annName) }).click();
  await expect(benMessages).toBeVisible();
  await expectNoSeriousViolations(ben);
  await ben.setViewportSize({ width: 1280, height: 800 });

  // Leaving asks first; cancelling keeps it, confirming takes it off the list.
  await ben.getByRole('button', { name: 'Leave conversation' }).click();
  await ben.getByRole('button', { name: 'Cancel' }).click();
  await ben.getByRole('button', { name: 'Leave conversation' }).click();
  await expect(ben.getByRole('button', { name: 'Leave', exact: true })).toBeFocused();
  await ben.getByRole('button', { name: 'Leave', exact: true }).click();
  await expect(ben).toHaveURL(/\/conversations$/);
  await expect(benList.getByRole('link')).toHaveCount(0);
  await ben.reload();
  await expect(ben.getByText('No conversations yet.', { exact: false })).toBeVisible();

  expect(errors).toEqual([]);
});

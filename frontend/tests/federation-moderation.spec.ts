// An administrator blocks a server with a public reason and sees it listed, imports two more
// from Mastodon's CSV after a preview of what it changes, and downloads the blocks as CSV.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, graphql, signInAs, watchForErrors } from './support';


const header = '#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate';

test('an administrator blocks a server, imports blocks after a preview and exports them', async ({ browser }) => {
  test.setTimeout(90_000);
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const adminName = `admin_${suffix}`;
  createStaff(adminName, 'admin');
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  watchForErrors(page, errors);
  await signInAs(page, adminName);

  // One server blocked by hand: suspended, with a reason everyone may read.
  await page.goto('/admin/federation');
  await expect(page.getByRole('heading', { level: 1, name: 'Blocked servers' })).toBeVisible();
  await page.getByRole('button', { name: 'Block a server' }).click();
  const form = page.getByRole('form', { name: 'Block a server' });
  await expect(form.getByLabel('Server’s domain')).toBeFocused();
  await form.getByLabel('Server’s domain').fill('spam.example');
  await form.getByLabel('What is cut off').selectOption('SUSPEND');
  await form.getByLabel('Public comment').fill('Spam, and nothing else');
  await expectNoSeriousViolations(page);
  await form.getByRole('button', { name: 'Save block' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'spam.example is blocked.' })).toBeVisible();
  const list = page.getByRole('table', { name: 'Blocked servers' });
  const spam = list.getByRole('row').filter({ hasText: 'spam.example' });
  await expect(spam.getByRole('cell').first()).toHaveText('Suspend');
  await expect(spam).toContainText('Spam, and nothing else');
  await expect(page.getByRole('button', { name: 'Block a server' })).toBeFocused();
  await page.reload();
  await expect(
    page.getByRole('table', { name: 'Blocked servers' }).getByRole('row').filter({ hasText: 'spam.example' }),
  ).toHaveCount(1);

  // Two more from a CSV: previewed first, which changes nothing, then applied.
  const loud = `loud-${suffix}.example`;
  const heavy = `heavy-${suffix}.example`;
  const csv = `${header}\n${loud},silence,false,false,Too loud,false\n${heavy},noop,true,false,,false\n`;
  await page.getByLabel('Or paste the CSV').fill(csv);
  await page.getByRole('button', { name: 'Preview the import' }).click();
  const preview = page.getByRole('table', { name: 'What the import will do' });
  await expect(preview.getByRole('row').filter({ hasText: loud })).toContainText('Will be blocked');
  await expect(preview.getByRole('row').filter({ hasText: heavy })).toContainText('Will be blocked');
  await expect(page.getByRole('table', { name: 'Blocked servers' }).getByRole('row').filter({ hasText: loud })).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  const done = page.getByRole('table', { name: 'What the import did' });
  await expect(done.getByRole('row').filter({ hasText: loud })).toContainText('Blocked');
  await expect(page.getByRole('status').filter({ hasText: '2 servers imported.' })).toBeVisible();
  const blocked = page.getByRole('table', { name: 'Blocked servers' });
  await expect(blocked.getByRole('row').filter({ hasText: loud }).getByRole('cell').first()).toHaveText('Limit');
  await expect(blocked.getByRole('row').filter({ hasText: heavy }).getByRole('cell').first()).toHaveText('None');

  // The public list reads the reason given.
  const { instance } = await graphql<{ instance: { domainBlocks: { domain: string; severity: string; comment: string }[] } }>(
    page,
    '{ instance { domainBlocks { domain severity comment } } }',
  );
  expect(instance.domainBlocks).toContainEqual({
    domain: 'spam.example',
    severity: 'SUSPEND',
    comment: 'Spam, and nothing else',
  });
  // And so does the about page, for anyone.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto('/about');
  const moderated = visitor.getByRole('region', { name: 'Moderated servers' });
  await expect(moderated.getByRole('row').filter({ hasText: 'spam.example' })).toContainText('Spam, and nothing else');
  await expectNoSeriousViolations(visitor);
  await visitorContext.close();

  // The export: Mastodon's file, its header, every domain.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the blocks as CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('domain_blocks.csv');
  const exported = readFileSync(await download.path(), 'utf8');
  const lines = exported.trim().split(/\r?\n/);
  expect(lines[0]).toBe(header);
  for (const domain of ['spam.example', loud, heavy]) {
    expect(lines.some((line) => line.startsWith(`${domain},`))).toBe(true);
  }
  expect(errors).toEqual([]);
});

// The owner reads the background queues: on the dashboard, each queue's waiting and failed
// counts; from the moderation navigation, the job queues page with every queue's counts,
// counted again on request, and the deliveries that failed (none, on a quiet server).
import { expect, test } from '@playwright/test';
import { createStaff, expectNoSeriousViolations, signInAs, watchForErrors } from './support';


test('the owner reads the job queues, counts them again, and sees the failed deliveries', async ({ browser }) => {
  test.setTimeout(60_000);
  const ownerName = `owner_${Date.now().toString(36)}`;
  const errors: string[] = [];
  createStaff(ownerName, 'owner');
  const page = await (await browser.newContext()).newPage();
  watchForErrors(page, errors);
  await signInAs(page, ownerName);

  // The dashboard counts each queue's waiting and failed tasks, and leads to the queues.
  await page.goto('/admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Queues' });
  await expect(panel.getByRole('rowheader', { name: 'deliver', exact: true })).toBeVisible();
  await expect(panel.getByRole('link', { name: 'Queues' })).toHaveAttribute('href', '/admin/jobs');

  // From the moderation navigation, the job queues page.
  await page.getByRole('navigation', { name: 'Moderation' }).getByRole('link', { name: 'Job queues' }).click();
  await expect(page).toHaveURL(/\/admin\/jobs$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Job queues' })).toBeVisible();
  const queues = page.getByRole('table', { name: 'Queues' });
  const deliver = queues.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'deliver', exact: true }) });
  await expect(deliver).toHaveCount(1);
  await expect(deliver.getByRole('cell')).toHaveCount(3);
  await expect(queues.getByRole('columnheader')).toHaveText(['Queue', 'Waiting', 'Running', 'Failed']);

  // Refreshed, the counts are asked for again and the table stays.
  const counted = page.waitForResponse((response) => {
    const body = response.request().postData() ?? '';
    return response.url().endsWith('/graphql') && body.includes('query JobQueuesPageQuery');
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  expect((await counted).ok()).toBe(true);
  await expect(queues).not.toHaveAttribute('aria-busy', 'true');
  await expect(deliver).toHaveCount(1);

  // Failed deliveries: none on a quiet server, else a table of them; retried when there are.
  const failedSection = page.getByRole('region', { name: 'Failed deliveries' });
  await expect(
    failedSection.getByText('No deliveries have failed.').or(failedSection.getByRole('table', { name: 'Failed deliveries' })),
  ).toBeVisible();
  const failed = Number(await deliver.getByRole('cell').nth(2).textContent());
  const retry = page.getByRole('button', { name: 'Retry failed deliveries' });
  if (failed === 0) {
    // Nothing to retry: no button for it.
    await expect(retry).toHaveCount(0);
  } else {
    await retry.click();
    await expect(page.getByRole('status').filter({ hasText: /queued again|left to retry/ })).toBeVisible();
  }

  await expectNoSeriousViolations(page);
  expect(errors).toEqual([]);
});

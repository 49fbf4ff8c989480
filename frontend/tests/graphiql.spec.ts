// GraphiQL at /graphiql, linked from the developer part of the settings, comes from this
// server alone, breaks no policy, and runs queries as the signed-in person through the
// session cookie.
import { expect, test } from '@playwright/test';
import { signUp, watchForErrors } from './support';

test('GraphiQL runs a query as the signed-in person, with nothing from another origin', async ({ page }) => {
  const errors: string[] = [];
  watchForErrors(page, errors);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const username = `gina_${Date.now().toString(36)}`;

  await signUp(page, username);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Access tokens', exact: true }).click();
  const developer = page.getByRole('region', { name: 'Developer' });
  const link = developer.getByRole('link', { name: 'Open GraphiQL' });
  await expect(link).toHaveAttribute('href', '/graphiql');
  await link.click();
  await expect(page).toHaveURL(/\/graphiql$/);
  // The button shows before the editor holds the query; running it then would send nothing.
  await expect(page.locator('.graphiql-query-editor')).toContainText('acct displayName', { timeout: 20_000 });
  const run = page.getByRole('button', { name: /^Execute query/ });
  await run.click();
  await expect(page.locator('.graphiql-response')).toContainText(`"acct": "${username}"`, { timeout: 20_000 });

  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
  expect(errors).toEqual([]);
});

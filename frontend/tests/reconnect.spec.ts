// The server goes down while a timeline is open: the page says it is reconnecting, and once it
// is back, a post written while the page could not hear of it still reaches the timeline.
import { expect, test } from '@playwright/test';
import { graphql, signUp, startServer, subscribed, watchForErrors, type OwnServer } from './support';

// The tests' own server runs on ROOKERY_E2E_PORT (and setup.spec's on the next); this one,
// which is restarted, on the one after.
const port = Number(process.env.ROOKERY_E2E_PORT ?? 18080) + 2;
let server: OwnServer | undefined;

test.afterEach(async () => {
  await server?.stop();
});

test('a timeline open while the server restarts reconnects and fetches what it missed', async ({ page }) => {
  test.setTimeout(90_000);
  server = await startServer(port, { ROOKERY_INSTANCE__REGISTRATION: 'open' });
  const { origin } = server;
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  watchForErrors(page, errors);
  // While not let through, the page's attempts to connect live are turned away (as by a server
  // still starting), so that what is posted meanwhile can reach it only by being fetched.
  // Routing applies to pages loaded after it.
  let letThrough = true;
  await page.routeWebSocket(/\/graphql\/ws$/, (socket) => {
    if (letThrough) socket.connectToServer();
    else socket.close({ code: 1013, reason: 'Try again later' });
  });
  // Noticed from the first page on, as the live connection opens before the timeline's.
  const listening = subscribed(page, 'publicTimelineUpdates');
  await signUp(page, `rey_${suffix}`, origin);
  const post = (text: string) =>
    graphql(page, 'mutation($input: CreateStatusInput!) { createStatus(input: $input) { status { id } } }', { input: { text } }, origin);

  const before = `Before the restart ${suffix}`;
  await post(before);
  await page.getByRole('link', { name: 'Local' }).click();
  await expect(page.getByRole('article').filter({ hasText: before })).toBeVisible();
  await listening;


  letThrough = false;
  await server.halt();
  const banner = page.getByRole('status').filter({ hasText: 'Reconnecting…' });
  await expect(banner).toBeVisible();
  await server.resume();
  const after = `After the restart ${suffix}`;
  await post(after);
  await expect(banner).toBeVisible();

  letThrough = true;
  const newPosts = page.getByRole('button', { name: 'Show 1 new post' });
  await expect(newPosts).toBeVisible({ timeout: 45_000 });
  await expect(banner).toBeHidden();
  // What was shown has not moved until asked.
  await expect(page.getByRole('article').first()).toContainText(before);
  await newPosts.click();
  await expect(page.getByRole('article').first()).toContainText(after);
  await expect(page.getByRole('article')).toHaveCount(2);

  expect(errors).toEqual([]);
});

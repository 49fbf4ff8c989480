// Two servers federate in the browser: bob, on one, finds alice on the other by her handle,
// follows her from her profile, and her public post reaches his home timeline.
import { expect, test } from '@playwright/test';
import { signedUpPage, startServer, type OwnServer } from './support';

// The tests' own server runs on ROOKERY_E2E_PORT; these two well above the others.
const base = Number(process.env.ROOKERY_E2E_PORT ?? 18080);
const ports = [base + 10, base + 11] as const;
// Both fetch from and deliver to loopback, over plain http (the domains are localhost:<port>).
const federating = {
  ROOKERY_FEDERATION__ALLOW_PRIVATE_ADDRESSES: 'true',
  ROOKERY_INSTANCE__REGISTRATION: 'open',
};
const servers: OwnServer[] = [];

test.afterEach(async () => {
  const testInfo = test.info();
  for (const server of servers.splice(0)) {
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach(`${server.origin} stderr`, { body: server.stderr(), contentType: 'text/plain' });
    }
    await server.stop();
  }
});

test('a person on one server follows one on another, whose post reaches their home timeline', async ({ browser }) => {
  test.setTimeout(120_000);
  const [portA, portB] = ports;
  const a = await startServer(portA, federating);
  servers.push(a);
  const b = await startServer(portB, federating);
  servers.push(b);
  const errors: string[] = [];
  const alice = await signedUpPage(browser, 'alice', errors, a.origin);
  const bob = await signedUpPage(browser, 'bob', errors, b.origin);

  // Bob looks alice up by her handle, which opens her profile as his server knows it.
  const handle = `alice@localhost:${portA}`;
  const field = bob.getByRole('searchbox', { name: 'Search people, hashtags and posts' });
  await field.fill(`@${handle}`);
  await field.press('Enter');
  await expect(bob).toHaveURL(`${b.origin}/@${handle}`, { timeout: 20_000 });
  await expect(bob.getByRole('heading', { level: 1, name: 'alice' })).toBeVisible();
  await expect(bob.getByText(`@${handle}`, { exact: true })).toBeVisible();

  // He follows her; her server accepts, and his then counts him as following.
  const actions = bob.getByRole('group', { name: 'Your relationship' });
  await actions.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(async () => {
    await bob.reload();
    await expect(actions.getByRole('button', { name: 'Unfollow', exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });

  // Alice posts publicly; the post reaches Bob's home timeline, with her full handle.
  await bob.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(bob.getByRole('heading', { level: 1, name: 'Home' })).toBeFocused();
  const text = `Hello from across the wire ${Date.now().toString(36)}`;
  await alice.getByRole('textbox', { name: 'What’s on your mind?' }).fill(text);
  await alice.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(alice.getByRole('article').filter({ hasText: text })).toBeVisible();

  const newPosts = bob.getByRole('button', { name: 'Show 1 new post' });
  await expect(newPosts).toBeVisible({ timeout: 20_000 });
  await newPosts.click();
  const arrived = bob.getByRole('article').filter({ hasText: text });
  await expect(arrived).toBeVisible();
  await expect(arrived.getByText(`@${handle}`)).toBeVisible();
  await bob.reload();
  await expect(bob.getByRole('article').filter({ hasText: text })).toBeVisible();

  expect(errors).toEqual([]);
});

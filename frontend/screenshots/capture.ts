// Signs two people up on a fresh server, gives them posts, a follow, a reply and a favourite,
// and photographs the main pages at 390 and 1280 px wide in light and dark.
import { test, type APIRequestContext, type Browser } from '@playwright/test';
import path from 'node:path';
import { startServer, type OwnServer } from '../tests/support';

const PASSWORD = 'correct horse battery staple';
const WIDTHS = [390, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;

async function gql(
  request: APIRequestContext,
  origin: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const response = await request.post(`${origin}/graphql`, {
    data: { query, variables },
    headers: { 'X-Rookery-CSRF': '1' },
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (body.errors !== undefined) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data ?? {};
}

async function signUp(request: APIRequestContext, origin: string, username: string): Promise<void> {
  await gql(
    request,
    origin,
    'mutation($u: String!, $e: String!, $p: String!) { register(input: {username: $u, email: $e, password: $p}) { account { id } } }',
    { u: username, e: `${username}@example.com`, p: PASSWORD },
  );
  await signIn(request, origin, username);
}

async function signIn(request: APIRequestContext, origin: string, username: string): Promise<void> {
  const response = await request.post(`${origin}/auth/session`, {
    data: { username, password: PASSWORD },
    headers: { 'X-Rookery-CSRF': '1' },
  });
  if (!response.ok()) throw new Error(`signing in ${username}: ${response.status()}`);
}

async function post(request: APIRequestContext, origin: string, text: string, extra = ''): Promise<string> {
  const data = await gql(
    request,
    origin,
    `mutation($t: String!) { createStatus(input: {text: $t, visibility: PUBLIC${extra}}) { status { id } } }`,
    { t: text },
  );
  return (data.createStatus as { status: { id: string } }).status.id;
}

/** The people, their posts and what they did to each other; the pages to photograph. */
async function seed(browser: Browser, server: OwnServer): Promise<Record<string, string>> {
  const { origin } = server;
  const rook = await browser.newContext();
  const jay = await browser.newContext();
  await signUp(rook.request, origin, 'rook');
  await signUp(jay.request, origin, 'jay');
  await gql(
    rook.request,
    origin,
    'mutation { updateProfile(input: {displayName: "Rook", note: "Watching corvids since 1999. #birds"}) { account { id } } }',
  );
  await gql(
    jay.request,
    origin,
    'mutation { updateProfile(input: {displayName: "Jay Blue", note: "Loud, clever, and fond of acorns."}) { account { id } } }',
  );
  const jayId = (
    (await gql(rook.request, origin, 'query { accountByHandle(handle: "jay") { id } }')).accountByHandle as {
      id: string;
    }
  ).id;
  await gql(rook.request, origin, 'mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }', {
    id: jayId,
  });
  await post(jay.request, origin, 'Acorn season is here. I have hidden **forty** of them and remember all but three. #birds');
  await post(jay.request, origin, 'Spoilers for the nest reveal', ', contentWarning: "nest reveal"');
  const question = await post(rook.request, origin, 'Which bird would you trust with your keys? #birds #poll');
  await gql(
    jay.request,
    origin,
    'mutation($id: ID!) { favourite(input: {statusId: $id}) { status { id } } }',
    { id: question },
  );
  await post(jay.request, origin, '@rook a magpie, obviously. They bring them back shinier.', `, inReplyToId: "${question}"`);
  await post(rook.request, origin, 'Morning walk: six rooks, two jackdaws and a very confident heron.');
  await rook.close();
  await jay.close();
  return {
    home: '/',
    local: '/local',
    profile: '/@jay',
    notifications: '/notifications',
    settings: '/settings/profile',
  };
}

test('screenshots of the main pages', async ({ browser }) => {
  const port = Number(process.env.ROOKERY_SCREENSHOTS_PORT ?? 18095);
  const server = await startServer(port, {
    ROOKERY_INSTANCE__NAME: 'Rookery',
    ROOKERY_INSTANCE__REGISTRATION: 'open',
  });
  try {
    const pages = await seed(browser, server);
    for (const width of WIDTHS) {
      for (const scheme of SCHEMES) {
        const context = await browser.newContext({ viewport: { width, height: width < 700 ? 844 : 900 }, colorScheme: scheme });
        await signIn(context.request, server.origin, 'rook');
        const page = await context.newPage();
        for (const [name, route] of Object.entries(pages)) {
          await page.goto(`${server.origin}${route}`);
          await page.locator('main h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          await page.screenshot({ path: path.join(import.meta.dirname, `${name}-${width}-${scheme}.png`) });
        }
        await context.close();
      }
    }
  } finally {
    await server.stop();
  }
});

// A page from another origin acts with a signed-in person's cookie: its form posts to
// /graphql are refused and post nothing, and its live connection is refused before any
// acknowledgement, while the same person's own pages post and connect.
import { createServer, type Server } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { graphql, signedUpPage, uniqueName } from './support';

// The tests' own server runs on ROOKERY_E2E_PORT; the other origin's page well above it.
const port = Number(process.env.ROOKERY_E2E_PORT ?? 18080);
const elsewherePort = port + 30;
// localhost on another port: another origin, but the same site, so that the browser sends the
// session cookie (SameSite=Lax) with every request below, and only the server can refuse.
const target = `http://localhost:${port}`;
const elsewhere = `http://localhost:${elsewherePort}`;

/** `text` for an HTML attribute value in double quotes. */
function attribute(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The other origin's page: three forms that post `createStatus(text)` to /graphql. */
function formsPage(text: string): string {
  const query = `mutation { createStatus(input: { text: ${JSON.stringify(text)} }) { status { id } } }`;
  const action = `${target}/graphql`;
  // text/plain sends `name=value`: a name that opens a JSON object and a value that closes it.
  const jsonName = `{"query": ${JSON.stringify(query)}, "padding": "`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Elsewhere</title></head>
<body>
<main>
<form method="post" action="${action}">
  <input type="hidden" name="query" value="${attribute(query)}">
  <button>urlencoded</button>
</form>
<form method="post" action="${action}" enctype="text/plain">
  <input type="hidden" name="${attribute(jsonName)}" value='"}'>
  <button>plain</button>
</form>
<form method="post" action="${action}" enctype="multipart/form-data">
  <input type="hidden" name="operations" value="${attribute(JSON.stringify({ query, variables: {} }))}">
  <input type="hidden" name="map" value="{}">
  <button>multipart</button>
</form>
</main>
</body>
</html>`;
}

/** Opens a graphql-transport-ws connection from `page` and says what happened within 5 s. */
function openLive(page: Page, url: string): Promise<string[]> {
  return page.evaluate(
    (address) =>
      new Promise<string[]>((resolve) => {
        const events: string[] = [];
        const socket = new WebSocket(address, 'graphql-transport-ws');
        const done = () => resolve(events);
        socket.addEventListener('open', () => {
          events.push('open');
          socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
        });
        socket.addEventListener('message', (message) => {
          events.push(`message ${String(message.data)}`);
          socket.close();
        });
        socket.addEventListener('close', (event) => {
          events.push(`close ${event.code}`);
          done();
        });
        setTimeout(done, 5_000);
      }),
    url,
  );
}

let server: Server | undefined;

test.afterEach(async () => {
  await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
  server = undefined;
});

test('another origin’s form posts and live connection are refused though the cookie goes along', async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const username = uniqueName('victim');
  const victim = await signedUpPage(browser, username, errors);
  const forged = `Forged post ${suffix}`;
  server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(formsPage(forged));
  });
  await new Promise<void>((resolve) => server?.listen(elsewherePort, '127.0.0.1', resolve));

  // The person's own pages post and connect.
  await graphql(victim, 'mutation($text: String!) { createStatus(input: { text: $text }) { status { id } } }', {
    text: `Posted at home ${suffix}`,
  });
  const atHome = await openLive(victim, `${target.replace('http', 'ws')}/graphql/ws`);
  expect(atHome.some((event) => event.startsWith('message') && event.includes('"connection_ack"'))).toBe(true);

  // In the same browser, the page elsewhere submits each of its forms.
  const attacker = await victim.context().newPage();
  for (const kind of ['urlencoded', 'plain', 'multipart']) {
    await attacker.goto(elsewhere);
    const [answer] = await Promise.all([
      attacker.waitForResponse((response) => response.url() === `${target}/graphql` && response.request().method() === 'POST'),
      attacker.getByRole('button', { name: kind }).click(),
    ]);
    const sent = await answer.request().allHeaders();
    expect(sent.cookie ?? '', `${kind}: the session cookie went along`).not.toEqual('');
    expect(sent.origin, kind).toBe(elsewhere);
    expect(answer.status(), `${kind}: ${await answer.text()}`).toBeGreaterThanOrEqual(400);
    if (kind !== 'urlencoded') {
      // A body the server reads as GraphQL is refused for the missing CSRF header.
      expect(answer.status(), kind).toBe(403);
      expect(await answer.text(), kind).toContain('CSRF_HEADER_MISSING');
    }
  }

  // Its live connection is refused at the upgrade: never open, never acknowledged. (Without
  // the cookie it would open, for the public streams: the refusal is the cookie's, from there.)
  await attacker.goto(elsewhere);
  const fromElsewhere = await openLive(attacker, `${target.replace('http', 'ws')}/graphql/ws`);
  expect(fromElsewhere).not.toContain('open');
  expect(fromElsewhere.some((event) => event.includes('connection_ack'))).toBe(false);
  expect(fromElsewhere.some((event) => event.startsWith('close'))).toBe(true);

  // Nothing was posted: the person's posts are the one written at home.
  const { viewer } = await graphql<{ viewer: { id: string } }>(victim, '{ viewer { id } }');
  const { accountStatuses } = await graphql<{ accountStatuses: { nodes: { content: string }[] } }>(
    victim,
    'query($id: ID!) { accountStatuses(accountId: $id, first: 20) { nodes { content } } }',
    { id: viewer.id },
  );
  const contents = accountStatuses.nodes.map((status) => status.content);
  expect(contents).toHaveLength(1);
  expect(contents[0]).toContain(`Posted at home ${suffix}`);

  expect(errors).toEqual([]);
});

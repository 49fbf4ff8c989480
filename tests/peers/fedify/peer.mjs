// An ActivityPub server built on Fedify, for Rookery's end-to-end tests: one Person,
// `peer`, on http://localhost:PORT, and a small control API on the same port.
//
//   node peer.mjs [PORT]          (0 or nothing: any free port)
//
// Prints `ready http://localhost:PORT` on stdout once it listens; logs go to stderr
// (FEDIFY_PEER_LOG=debug|info|warning|error, default warning).
//
// Control API (plain JSON, for the test alone):
//   POST /control/follow {"target": actor URL}      sends a Follow, answers {"id"}
//   POST /control/note {"content", "to"?: actor URL} sends a Create(Note) addressed to
//        Public and cc the followers, to `to` or else to every follower; answers {"id"}
//   GET  /control/received                          the activities the inbox accepted
//   GET  /control/state                             followers and accounts followed
//
// Fedify checks every incoming signature (HTTP Signatures, with the key fetched from the
// sender); only private (loopback) addresses are allowed on top of its defaults.

import http from "node:http";
import process from "node:process";
import { randomUUID } from "node:crypto";

import { Temporal } from "@js-temporal/polyfill";
import {
  configure,
  getLogger,
  getTextFormatter,
} from "@logtape/logtape";
import {
  createFederation,
  generateCryptoKeyPair,
  InProcessMessageQueue,
  MemoryKvStore,
} from "@fedify/fedify";
import {
  Accept,
  Activity,
  Create,
  Endpoints,
  Follow,
  isActor,
  Note,
  Person,
  PUBLIC_COLLECTION,
  Reject,
  Undo,
} from "@fedify/fedify/vocab";

// Fedify 2 asks for Node.js 22 and newer. It runs on Node.js 20 too, but reads the
// `navigator` global (Node.js 21 and newer) when it imports an Ed25519 key.
globalThis.navigator ??= { userAgent: `Node.js/${process.versions.node}` };

const USERNAME = "peer";
const requestedPort = Number(process.argv[2] ?? process.env.PORT ?? 0);

const formatter = getTextFormatter();
await configure({
  sinks: { stderr: (record) => process.stderr.write(`[fedify-peer] ${formatter(record)}`) },
  loggers: [
    {
      category: "fedify",
      lowestLevel: process.env.FEDIFY_PEER_LOG ?? "warning",
      sinks: ["stderr"],
    },
    { category: ["logtape", "meta"], lowestLevel: "error", sinks: ["stderr"] },
  ],
});
const logger = getLogger(["fedify", "peer"]);

// What the inbox accepted, in order, as the JSON-LD that was sent.
const received = [];
// Actors following `peer`, by id.
const followers = new Map();
// Actors `peer` asked to follow: id -> { follow: Follow id, accepted: bool }.
const following = new Map();
// Notes written by `peer`, by their local id.
const notes = new Map();

// RSA for HTTP Signatures, Ed25519 for the Object Integrity Proofs Fedify adds to what it
// sends, as Fedify's own documentation sets actors up.
const keyPairs = [
  await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"),
  await generateCryptoKeyPair("Ed25519"),
];

// Listen first: the origin (and so every id) needs the port.
const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    logger.error("Request {method} {url} failed: {error}", {
      method: req.method,
      url: req.url,
      error,
    });
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end(String(error));
  });
});
await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(requestedPort, "127.0.0.1", resolve);
});
const port = server.address().port;
const origin = `http://localhost:${port}`;
// `localhost` may resolve to ::1 first: answer there too when the machine has it.
const server6 = http.createServer(server.listeners("request")[0]);
await new Promise((resolve) => {
  server6.once("error", () => resolve());
  server6.listen(port, "::1", resolve);
});

const federation = createFederation({
  kv: new MemoryKvStore(),
  queue: new InProcessMessageQueue(),
  origin,
  allowPrivateAddress: true,
  onOutboxError: (error, activity) => {
    logger.error("Delivering {id} failed: {error}", { id: activity?.id?.href, error });
  },
});

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== USERNAME) return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify peer",
      summary: "A Fedify server that Rookery's tests talk to.",
      url: ctx.getActorUri(identifier),
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      followers: ctx.getFollowersUri(identifier),
      manuallyApprovesFollowers: false,
      publicKey: keys[0].cryptographicKey,
      assertionMethods: keys.map((key) => key.multikey),
    });
  })
  .setKeyPairsDispatcher((_ctx, identifier) => (identifier === USERNAME ? keyPairs : []));

federation.setFollowersDispatcher("/users/{identifier}/followers", (_ctx, identifier) => {
  if (identifier !== USERNAME) return null;
  return { items: [...followers.values()] };
});

federation.setObjectDispatcher(Note, "/users/{identifier}/notes/{id}", (_ctx, values) => {
  if (values.identifier !== USERNAME) return null;
  return notes.get(values.id) ?? null;
});

// An inbox listener that keeps what it was given.
async function record(_ctx, activity) {
  received.push(await activity.toJsonLd());
}

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Follow, async (ctx, follow) => {
    await record(ctx, follow);
    if (follow.id == null || follow.actorId == null || follow.objectId == null) return;
    const object = ctx.parseUri(follow.objectId);
    if (object?.type !== "actor" || object.identifier !== USERNAME) return;
    const follower = await follow.getActor(ctx);
    if (!isActor(follower)) return;
    followers.set(follower.id.href, follower);
    await ctx.sendActivity(
      { identifier: USERNAME },
      follower,
      new Accept({
        id: new URL(`/accepts/${randomUUID()}`, origin),
        actor: ctx.getActorUri(USERNAME),
        object: follow,
      }),
    );
  })
  .on(Accept, async (ctx, accept) => {
    await record(ctx, accept);
    // The Follow accepted, embedded or by id: one of ours, accepted by the one followed.
    const entry = following.get(accept.actorId?.href);
    if (entry != null && entry.follow === accept.objectId?.href) entry.accepted = true;
  })
  .on(Reject, record)
  .on(Create, record)
  .on(Undo, async (ctx, undo) => {
    await record(ctx, undo);
    const object = await undo.getObject(ctx).catch(() => null);
    if (object instanceof Follow && undo.actorId != null) followers.delete(undo.actorId.href);
  })
  .on(Activity, record)
  .onError((_ctx, error) => {
    logger.error("Inbox listener failed: {error}", { error });
  });

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? {} : JSON.parse(text);
}

function reply(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function control(req, res, path) {
  const ctx = federation.createContext(new URL(origin), undefined);
  if (req.method === "GET" && path === "/control/received") {
    return reply(res, 200, received);
  }
  if (req.method === "GET" && path === "/control/state") {
    return reply(res, 200, {
      followers: [...followers.keys()],
      following: Object.fromEntries(following),
    });
  }
  if (req.method === "POST" && path === "/control/follow") {
    const { target } = await readJson(req);
    const actor = await ctx.lookupObject(target);
    if (!isActor(actor)) return reply(res, 404, { error: `no actor at ${target}` });
    const id = new URL(`/follows/${randomUUID()}`, origin);
    following.set(actor.id.href, { follow: id.href, accepted: false });
    await ctx.sendActivity(
      { identifier: USERNAME },
      actor,
      new Follow({ id, actor: ctx.getActorUri(USERNAME), object: actor.id }),
    );
    return reply(res, 202, { id: id.href });
  }
  if (req.method === "POST" && path === "/control/note") {
    const { content, to } = await readJson(req);
    let recipients = "followers";
    if (to != null) {
      const actor = await ctx.lookupObject(to);
      if (!isActor(actor)) return reply(res, 404, { error: `no actor at ${to}` });
      recipients = actor;
    }
    const noteId = randomUUID();
    const published = Temporal.Now.instant();
    const note = new Note({
      id: ctx.getObjectUri(Note, { identifier: USERNAME, id: noteId }),
      attribution: ctx.getActorUri(USERNAME),
      content,
      to: PUBLIC_COLLECTION,
      cc: ctx.getFollowersUri(USERNAME),
      published,
    });
    notes.set(noteId, note);
    const create = new Create({
      id: new URL(`/creates/${noteId}`, origin),
      actor: ctx.getActorUri(USERNAME),
      object: note,
      to: PUBLIC_COLLECTION,
      cc: ctx.getFollowersUri(USERNAME),
      published,
    });
    await ctx.sendActivity({ identifier: USERNAME }, recipients, create, {
      preferSharedInbox: true,
    });
    return reply(res, 202, { id: note.id.href });
  }
  return reply(res, 404, { error: "no such control endpoint" });
}

// node:http <-> fetch Request/Response, for federation.fetch.
async function handle(req, res) {
  const url = new URL(req.url, origin);
  if (url.pathname.startsWith("/control/")) return await control(req, res, url.pathname);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  let body;
  if (req.method !== "GET" && req.method !== "HEAD") {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    body = Buffer.concat(chunks);
  }
  const request = new Request(url, { method: req.method, headers, body });
  const response = await federation.fetch(request, { contextData: undefined });
  const out = {};
  response.headers.forEach((value, name) => {
    out[name] = name in out ? `${out[name]}, ${value}` : value;
  });
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
}

process.on("SIGTERM", () => {
  server.close();
  server6.close();
  process.exit(0);
});

process.stdout.write(`ready ${origin}\n`);

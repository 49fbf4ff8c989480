// The web client measured in Chromium against a running `rookery serve` (started by the
// `rookery-web` benchmark, which reads the figures this prints as its last line of JSON).
//
// Environment: BENCH_ORIGIN, BENCH_USERNAME, BENCH_PASSWORD (a reader with a full home
// timeline), BENCH_POSTER_TOKEN (a bearer token of an account the reader follows),
// BENCH_RUNS, CHROMIUM.
import { chromium } from '@playwright/test';

const origin = required('BENCH_ORIGIN');
const username = required('BENCH_USERNAME');
const password = required('BENCH_PASSWORD');
const posterToken = required('BENCH_POSTER_TOKEN');
const runs = Number(process.env.BENCH_RUNS ?? 20);
const scrollTarget = 2000;
const firstPage = 40;

function required(name) {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

/**
 * Records, in the page, when the timeline holds `count` posts and those in view are painted
 * (the list puts only the posts near the viewport in the document; `data-count` is how many
 * it holds).
 */
function watchFirstPage(count) {
  const done = () => {
    requestAnimationFrame(() => setTimeout(() => (window.__benchFirstPage = performance.now()), 0));
  };
  const observer = new MutationObserver(() => {
    const list = document.querySelector('.timeline__list');
    if (Number(list?.dataset.count ?? 0) >= count && list.querySelector('[data-post]') !== null) {
      observer.disconnect();
      done();
    }
  });
  document.addEventListener('DOMContentLoaded', () =>
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-count'] }),
  );
}

/** How many posts the timeline holds, in the document or not. */
function postsHeld() {
  return Number(document.querySelector('.timeline__list')?.dataset.count ?? 0);
}

/** Records, in the page, the wall-clock time the "new posts" control first appears. */
function watchNewPosts() {
  window.__benchNewPostsAt = null;
  const observer = new MutationObserver(() => {
    if (document.querySelector('.timeline__new button') !== null) {
      window.__benchNewPostsAt = Date.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

async function signIn(context) {
  const response = await context.request.post(`${origin}/auth/session`, {
    data: { username, password },
    headers: { 'X-Rookery-CSRF': '1' },
  });
  if (!response.ok()) throw new Error(`sign-in: ${response.status()} ${await response.text()}`);
}

/** Navigation start to the first page of posts painted, once per run, in ms. */
async function firstPageTimes(context) {
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const page = await context.newPage();
    await page.addInitScript(watchFirstPage, firstPage);
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => window.__benchFirstPage !== undefined, null, { timeout: 30_000 });
    times.push(await page.evaluate(() => window.__benchFirstPage));
    await page.close();
  }
  return times;
}

/** Loads `scrollTarget` posts, then scrolls through them all; the long tasks of the scroll. */
async function scrollLongTasks(context) {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForSelector('[data-post]');
  for (;;) {
    const loaded = await page.evaluate(postsHeld);
    if (loaded >= scrollTarget) break;
    await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
    await page
      .waitForFunction(
        (before) => Number(document.querySelector('.timeline__list')?.dataset.count ?? 0) > before,
        loaded,
        { timeout: 30_000 },
      )
      .catch(() => {
        throw new Error(`the timeline stopped loading at ${loaded} posts`);
      });
  }
  const loaded = await page.evaluate(postsHeld);
  // Every scroll is instant: the page scrolls smoothly by default, which would leave
  // `scrollY` unchanged right after the call.
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  const { tasks, frames, distance, reachedEnd } = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const durations = [];
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) durations.push(entry.duration);
        });
        observer.observe({ type: 'longtask' });
        let steps = 0;
        // The end of the posts loaded before the scroll; more load as it nears them.
        const loadedHeight = document.documentElement.scrollHeight;
        const step = () => {
          const before = window.scrollY;
          window.scrollBy({ top: window.innerHeight / 2, behavior: 'instant' });
          steps += 1;
          if (window.scrollY === before) {
            setTimeout(() => {
              observer.disconnect();
              const bottom = window.scrollY + window.innerHeight;
              resolve({
                tasks: durations,
                frames: steps,
                distance: window.scrollY,
                reachedEnd: bottom >= loadedHeight - 2,
              });
            }, 200);
          } else {
            requestAnimationFrame(step);
          }
        };
        requestAnimationFrame(step);
      }),
  );
  if (!reachedEnd) throw new Error(`the scroll stopped at ${distance} px, before the end of the posts loaded`);
  await page.close();
  return { loaded, tasks, frames, distance };
}

/** From `createStatus` answering to the "new posts" control on an open home timeline, in ms. */
async function liveTimes(context) {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForSelector('[data-post]');
  // The subscription is open once the socket has said hello; give it a moment to settle.
  await page.waitForTimeout(1000);
  const times = [];
  for (let run = 0; run < Math.min(runs, 10); run += 1) {
    await page.evaluate(watchNewPosts);
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${posterToken}` },
      body: JSON.stringify({
        query: 'mutation($t: String!) { createStatus(input: {text: $t, visibility: PUBLIC}) { status { id } } }',
        variables: { t: `Live post ${run} at ${new Date().toISOString()}` },
      }),
    });
    const answered = Date.now();
    const body = await response.json();
    if (body.errors !== undefined) throw new Error(`createStatus: ${JSON.stringify(body.errors)}`);
    await page.waitForFunction(() => window.__benchNewPostsAt !== null, null, { timeout: 10_000 });
    times.push((await page.evaluate(() => window.__benchNewPostsAt)) - answered);
    // Show the new post, so the next one makes the control appear again.
    await page.locator('.timeline__new button').click();
    await page.waitForSelector('.timeline__new button', { state: 'detached' });
  }
  await page.close();
  return times;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signIn(context);
  const firstPageMs = await firstPageTimes(context);
  const { loaded, tasks, frames, distance } = await scrollLongTasks(context);
  const liveMs = await liveTimes(context);
  console.log(
    JSON.stringify({ firstPageMs, scrolled: loaded, scrollFrames: frames, scrolledPx: distance, longTasksMs: tasks, liveMs }),
  );
} finally {
  await browser.close();
}

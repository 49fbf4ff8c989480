// The composer, end to end: a picture with alt text reaches another person's timeline, a
// poll is posted and voted on, a draft survives a reload, mentions and hashtags complete from
// the keyboard, a post is quoted, and the composer with its panels open passes axe.
import { deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signedUpPage } from './support';

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A `size` × `size` PNG of one colour. */
function png(size: number, [r, g, b]: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).map((_, index) => [r, g, b][index % 3] ?? 0)]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const composer = (page: Page) => page.getByRole('form', { name: 'New post' });
const textField = (page: Page) => composer(page).getByRole('textbox', { name: 'What’s on your mind?' });
const postButton = (page: Page) => composer(page).getByRole('button', { name: 'Post', exact: true });

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('a picture with alt text reaches another person, who sees it with its alt text', async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const alice = await signedUpPage(browser, `pic_${suffix}`, errors);
  const text = `A rook at dawn ${suffix}`;

  await textField(alice).fill(text);
  await composer(alice).getByLabel('Add pictures').setInputFiles({
    name: 'rook.png',
    mimeType: 'image/png',
    buffer: png(64, [40, 90, 160]),
  });
  const picture = composer(alice).getByRole('listitem', { name: 'Picture 1' });
  await expect(picture.getByText('Ready')).toBeVisible({ timeout: 20_000 });
  await picture.getByLabel('Alt text for picture 1').fill('A blue square standing in for a rook');
  // The focal point moves with a click on the thumbnail and with the arrow keys.
  const focal = picture.getByRole('button', { name: /^Focal point of picture 1: 0\.0, 0\.0/ });
  const box = await focal.boundingBox();
  if (box === null) throw new Error('no thumbnail');
  await alice.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.25);
  await expect(picture.getByRole('button', { name: /^Focal point of picture 1: 0\.5, 0\.5/ })).toBeVisible();
  await picture.getByRole('button', { name: /^Focal point of picture 1/ }).press('ArrowLeft');
  await expect(picture.getByRole('button', { name: /^Focal point of picture 1: 0\.4, 0\.5/ })).toBeVisible();
  expect(await violations(alice)).toEqual([]);

  await postButton(alice).click();
  const posted = alice.getByRole('article').filter({ hasText: text });
  await expect(posted.getByRole('img', { name: 'A blue square standing in for a rook' })).toBeVisible();
  await expect(composer(alice).getByRole('listitem', { name: 'Picture 1' })).toHaveCount(0);

  const bob = await signedUpPage(browser, `see_${suffix}`, errors);
  await bob.goto('/local');
  const seen = bob.getByRole('article').filter({ hasText: text });
  const image = seen.getByRole('img', { name: 'A blue square standing in for a rook' });
  await expect(image).toBeVisible();
  expect(await image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0)).toBe(true);
  await seen.getByRole('button', { name: /^ALT/ }).click();
  await expect(seen.getByText('A blue square standing in for a rook', { exact: true })).toBeVisible();
  expect(await violations(bob)).toEqual([]);

  // A sensitive picture shows as its blurred stand-in until the reader asks.
  const hidden = `Not for everyone ${suffix}`;
  await textField(alice).fill(hidden);
  await composer(alice).getByLabel('Add pictures').setInputFiles({
    name: 'sharp.png',
    mimeType: 'image/png',
    buffer: png(48, [200, 40, 40]),
  });
  await expect(composer(alice).getByText('Ready')).toBeVisible({ timeout: 20_000 });
  await composer(alice).getByLabel('Alt text for picture 1').fill('A red square');
  await composer(alice).getByRole('checkbox', { name: 'Mark pictures as sensitive' }).check();
  await postButton(alice).click();
  await expect(alice.getByRole('article').filter({ hasText: hidden })).toBeVisible();

  await bob.reload();
  const blurred = bob.getByRole('article').filter({ hasText: hidden });
  await expect(blurred.locator('canvas.blurhash')).toBeVisible();
  await expect(blurred.getByRole('img')).toHaveCount(0);
  // Drawn from the picture's blurhash: red, like the picture.
  const drawn = await blurred
    .locator('canvas.blurhash')
    .evaluate((canvas: HTMLCanvasElement) => Array.from(canvas.getContext('2d')?.getImageData(16, 16, 1, 1).data ?? []));
  expect(drawn[3]).toBe(255);
  expect(drawn[0]).toBeGreaterThan((drawn[1] ?? 0) + 80);
  await blurred.getByRole('button', { name: 'Sensitive picture: show' }).click();
  await expect(blurred.getByRole('img', { name: 'A red square' })).toBeVisible();
  await blurred.getByRole('button', { name: 'Hide' }).click();
  await expect(blurred.locator('canvas.blurhash')).toBeVisible();

  expect(errors).toEqual([]);
});

test('a poll is posted, voted on by another person, and shows its results', async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const alice = await signedUpPage(browser, `poller_${suffix}`, errors);
  const question = `Tea or coffee ${suffix}?`;
  await textField(alice).fill(question);
  await composer(alice).getByRole('button', { name: 'Add a poll' }).click();
  await composer(alice).getByLabel('Option 1').fill('Tea');
  await composer(alice).getByLabel('Option 2').fill('Coffee');
  await composer(alice).getByLabel('Runs for').selectOption({ label: '1 hour' });
  await postButton(alice).click();
  const own = alice.getByRole('article').filter({ hasText: question });
  await expect(own.getByText('0 people voted', { exact: false })).toBeVisible();

  const bob = await signedUpPage(browser, `voter_${suffix}`, errors);
  await bob.goto('/local');
  const seen = bob.getByRole('article').filter({ hasText: question });
  await seen.getByRole('radio', { name: 'Coffee' }).check();
  await seen.getByRole('button', { name: 'Vote' }).click();
  await expect(seen.getByText('1 person voted', { exact: false })).toBeVisible();
  await expect(seen.getByRole('listitem').filter({ hasText: 'Coffee' })).toContainText('(your choice)100%');
  await expect(seen.getByRole('listitem').filter({ hasText: 'Tea' })).toContainText('0%');
  expect(await violations(bob)).toEqual([]);

  expect(errors).toEqual([]);
});

test('a draft survives a reload and is gone once posted', async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const page = await signedUpPage(browser, `drafter_${suffix}`, errors);
  const text = `Half a thought ${suffix}`;
  await textField(page).fill(text);
  await composer(page).getByRole('checkbox', { name: 'Content warning' }).check();
  await composer(page).getByRole('textbox', { name: 'Content warning' }).fill('birds');
  await composer(page).locator('summary', { hasText: 'Who can see it' }).click();
  await composer(page).getByRole('radio', { name: /^Unlisted/ }).check();

  await page.reload();
  await expect(textField(page)).toHaveValue(text);
  await expect(composer(page).getByRole('textbox', { name: 'Content warning' })).toHaveValue('birds');
  await expect(composer(page).getByText('Who can see it: Unlisted')).toBeVisible();

  await postButton(page).click();
  await expect(page.getByRole('article').filter({ hasText: 'birds' })).toBeVisible();
  await expect(textField(page)).toHaveValue('');
  await page.reload();
  await expect(textField(page)).toHaveValue('');
  expect(errors).toEqual([]);
});

test('mentions complete from the keyboard, a post is quoted, and the composer with its panels open passes axe', async ({ browser }) => {
  const suffix = Date.now().toString(36);
  const errors: string[] = [];
  const alice = await signedUpPage(browser, `quoted_${suffix}`, errors);
  await textField(alice).fill(`Tagged #corvids${suffix}`);
  await postButton(alice).click();
  await expect(alice.getByRole('article').filter({ hasText: 'Tagged' })).toBeVisible();
  const original = `Rooks remember faces ${suffix}`;
  await textField(alice).fill(original);
  await postButton(alice).click();
  await expect(alice.getByRole('article').filter({ hasText: original })).toBeVisible();

  const bob = await signedUpPage(browser, `quoter_${suffix}`, errors);
  // @mention completion: arrow down to the account, Enter puts it in.
  const field = textField(bob);
  await field.pressSequentially(`Hello @quoted_${suffix.slice(0, 4)}`);
  const option = bob.getByRole('option', { name: new RegExp(`@quoted_${suffix}`) });
  await expect(option).toBeVisible();
  await field.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(field).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id')) ?? '');
  await field.press('Enter');
  await expect(field).toHaveValue(`Hello @quoted_${suffix} `);
  await expect(bob.getByRole('listbox')).toHaveCount(0);
  // Escape closes the suggestions.
  await field.pressSequentially(`@quoted_${suffix.slice(0, 4)}`);
  await expect(bob.getByRole('listbox')).toBeVisible();
  await field.press('Escape');
  await expect(bob.getByRole('listbox')).toHaveCount(0);
  // #hashtag completion: the arrow keys wrap around to the only tag.
  await field.fill('');
  await field.pressSequentially(`Birds #corvids${suffix.slice(0, 2)}`);
  const tag = bob.getByRole('option', { name: `#corvids${suffix}` });
  await expect(tag).toBeVisible();
  await field.press('ArrowUp');
  await expect(tag).toHaveAttribute('aria-selected', 'true');
  await field.press('Tab');
  await expect(field).toHaveValue(`Birds #corvids${suffix} `);
  await field.fill('');

  // Every panel open: content warning, poll, preview, visibility, interactions.
  await field.fill(`Which **bird**, @quoted_${suffix}?`);
  await composer(bob).getByRole('checkbox', { name: 'Content warning' }).check();
  await composer(bob).getByRole('button', { name: 'Add a poll' }).click();
  await composer(bob).getByRole('button', { name: 'Preview' }).click();
  // The preview is the server's formatting: bold text, and the mention made a link.
  const preview = composer(bob).getByRole('region', { name: 'Preview' });
  await expect(preview.locator('strong')).toHaveText('bird');
  await expect(preview.getByRole('link', { name: `@quoted_${suffix}` })).toBeVisible();
  // It follows the text as it changes.
  await field.fill('Which _crow_?');
  await expect(preview.locator('em')).toHaveText('crow');
  await composer(bob).locator('summary', { hasText: 'Who can see it' }).click();
  await composer(bob).locator('summary', { hasText: 'Who can interact' }).click();
  await expect(composer(bob).getByLabel('Who can quote')).toBeVisible();
  expect(await violations(bob)).toEqual([]);
  await composer(bob).getByRole('button', { name: 'Remove the poll' }).click();
  await composer(bob).getByRole('checkbox', { name: 'Content warning' }).uncheck();
  await field.fill('');

  // Quoting alice's post from the local timeline opens the composer with it.
  await bob.goto('/local');
  await bob.getByRole('article').filter({ hasText: original }).getByRole('button', { name: 'Quote', exact: true }).click();
  await expect(bob).toHaveURL(/\/\?quote=/);
  await expect(composer(bob).getByText(original)).toBeVisible();
  await expect(textField(bob)).toBeFocused();
  await composer(bob).locator('summary', { hasText: 'Who can interact' }).click();
  await composer(bob).getByLabel('Who can quote').selectOption({ label: 'Only you' });
  await textField(bob).fill(`So do crows ${suffix}`);
  await postButton(bob).click();
  const quotePost = bob.getByRole('article').filter({ hasText: `So do crows ${suffix}` });
  await expect(quotePost.locator('blockquote')).toContainText(original);
  await expect(bob).toHaveURL(/\/$/);

  expect(errors).toEqual([]);
});

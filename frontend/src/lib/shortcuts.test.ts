// Which key asks for what on a timeline, and where j and k move focus.
import { afterEach, describe, expect, it } from 'vitest';
import { isTyping, nextFocusIndex, shortcutFor, type KeyPress } from './shortcuts';

function press(key: string, target: EventTarget | null, held: Partial<KeyPress> = {}): KeyPress {
  return { key, target, ctrlKey: false, metaKey: false, altKey: false, ...held };
}

function element(html: string, selector: string): Element {
  document.body.innerHTML = html;
  const found = document.body.querySelector(selector);
  if (found === null) throw new Error(`no ${selector}`);
  return found;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('shortcutFor', () => {
  it('maps the timeline keys on the page', () => {
    expect(shortcutFor(press('j', document.body))).toBe('next');
    expect(shortcutFor(press('k', document.body))).toBe('previous');
    expect(shortcutFor(press('o', document.body))).toBe('open');
    expect(shortcutFor(press('r', document.body))).toBe('reply');
    expect(shortcutFor(press('f', document.body))).toBe('favourite');
    expect(shortcutFor(press('b', document.body))).toBe('boost');
    expect(shortcutFor(press('?', document.body))).toBe('help');
    expect(shortcutFor(press('x', document.body))).toBeNull();
    expect(shortcutFor(press('J', document.body))).toBeNull();
  });

  it('ignores keys typed into fields', () => {
    for (const html of [
      '<input id="t">',
      '<textarea id="t"></textarea>',
      '<select id="t"><option>a</option></select>',
      '<div contenteditable="true"><p id="t">text</p></div>',
    ]) {
      const target = element(html, '#t');
      expect(isTyping(target)).toBe(true);
      expect(shortcutFor(press('j', target))).toBeNull();
      expect(shortcutFor(press('?', target))).toBeNull();
    }
  });

  it('ignores keys pressed with Ctrl, Alt or Meta, but not Shift', () => {
    expect(shortcutFor(press('f', document.body, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('f', document.body, { altKey: true }))).toBeNull();
    expect(shortcutFor(press('f', document.body, { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('?', document.body))).toBe('help');
  });

  it('opens with Enter only on a post itself', () => {
    const post = element('<article data-post tabindex="-1"><button id="b">Boost</button></article>', 'article');
    expect(shortcutFor(press('Enter', post))).toBe('open');
    expect(shortcutFor(press('Enter', post.querySelector('#b')))).toBeNull();
    expect(shortcutFor(press('Enter', document.body))).toBeNull();
    expect(shortcutFor(press('o', post.querySelector('#b')))).toBe('open');
  });

  it('ignores a press with no element target', () => {
    expect(isTyping(null)).toBe(false);
    expect(shortcutFor(press('j', null))).toBe('next');
    expect(shortcutFor(press('Enter', null))).toBeNull();
  });
});

describe('nextFocusIndex', () => {
  it('starts at the first post when none has focus', () => {
    expect(nextFocusIndex(-1, 3, 'next')).toBe(0);
    expect(nextFocusIndex(-1, 3, 'previous')).toBe(0);
  });

  it('moves one post and stays within the list', () => {
    expect(nextFocusIndex(0, 3, 'next')).toBe(1);
    expect(nextFocusIndex(1, 3, 'previous')).toBe(0);
    expect(nextFocusIndex(2, 3, 'next')).toBe(2);
    expect(nextFocusIndex(0, 3, 'previous')).toBe(0);
  });

  it('has nowhere to go in an empty list', () => {
    expect(nextFocusIndex(-1, 0, 'next')).toBe(-1);
  });
});

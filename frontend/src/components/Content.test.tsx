// Links in posts to this client's pages open within it; others open elsewhere.
import { describe, expect, it } from 'vitest';
import { clientPath } from './Content';

function link(href: string): HTMLAnchorElement {
  const element = document.createElement('a');
  element.href = href;
  return element;
}

describe('clientPath', () => {
  const origin = 'https://rookery.example';

  it('opens profiles of this server within the client', () => {
    expect(clientPath(link('https://rookery.example/@alice'), origin)).toBe('/@alice');
  });

  it('leaves other servers and unknown pages to the browser', () => {
    expect(clientPath(link('https://other.example/@alice'), origin)).toBeNull();
    expect(clientPath(link('https://rookery.example/tags/rust'), origin)).toBeNull();
  });
});

// Links in posts to this client's pages open within it; others open elsewhere.
import { describe, expect, it } from 'vitest';
import { clientPath } from './Content';

function link(href: string, attributes: Record<string, string> = {}, text = ''): HTMLAnchorElement {
  const element = document.createElement('a');
  element.href = href;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.innerHTML = text;
  return element;
}

describe('clientPath', () => {
  const origin = 'https://rookery.example';

  it('opens profiles of this server within the client', () => {
    expect(clientPath(link('https://rookery.example/@alice'), origin)).toBe('/@alice');
  });

  it('leaves other servers and unknown pages to the browser', () => {
    expect(clientPath(link('https://other.example/@alice'), origin)).toBeNull();
    expect(clientPath(link('https://rookery.example/terms'), origin)).toBeNull();
  });

  it('opens hashtags within the client, whichever server they link to', () => {
    expect(clientPath(link('https://rookery.example/tags/rust'), origin)).toBe('/tags/rust');
    const remote = link('https://other.example/tags/Birds', { class: 'mention hashtag', rel: 'tag' }, '#<span>Birds</span>');
    expect(clientPath(remote, origin)).toBe('/tags/Birds');
    expect(clientPath(link('https://other.example/t/rooks', { rel: 'tag' }, '#rooks'), origin)).toBe('/tags/rooks');
  });
});

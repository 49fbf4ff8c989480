// Links in server HTML get rel="noopener nofollow"; the rest stays as sent.
import { describe, expect, it } from 'vitest';
import { prepareContent, textOf } from './html';

describe('prepareContent', () => {
  it('marks every link', () => {
    const html = prepareContent(
      '<p>see <a href="https://x.org" rel="noreferrer">x</a> and <a href="https://y.org">y</a></p>',
    );
    const template = document.createElement('template');
    template.innerHTML = html;
    const links = [...template.content.querySelectorAll('a')];
    expect(links).toHaveLength(2);
    expect(links.map((link) => link.getAttribute('rel'))).toEqual([
      'noreferrer noopener nofollow',
      'noopener nofollow',
    ]);
    for (const link of links) expect(link.getAttribute('target')).toBe('_blank');
  });

  it('leaves text and markup otherwise as they are', () => {
    expect(prepareContent('<p>hi <strong>there</strong></p>')).toBe('<p>hi <strong>there</strong></p>');
  });
});

describe('textOf', () => {
  it('reads the words of paragraphs and links, markup gone', () => {
    expect(textOf('<p>hi <a href="https://x.org/@b" class="mention">@<span>b</span></a></p><p>how<br>are &amp; you</p>')).toBe(
      'hi @b how are & you',
    );
  });
});

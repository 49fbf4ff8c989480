// Server HTML (already sanitised by the server) made ready to show: links open safely.

const REQUIRED_REL = ['noopener', 'nofollow'];

/** `html` with every link's `rel` holding `noopener nofollow` (beside what it had), opening in a new tab. */
export function prepareContent(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const link of template.content.querySelectorAll('a')) {
    const rel = new Set((link.getAttribute('rel') ?? '').split(/\s+/).filter((token) => token !== ''));
    for (const token of REQUIRED_REL) rel.add(token);
    link.setAttribute('rel', [...rel].join(' '));
    link.setAttribute('target', '_blank');
  }
  return template.innerHTML;
}

/** The text of server HTML, for a one-line excerpt: paragraphs and line breaks become spaces. */
export function textOf(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html.replace(/<br\s*\/?>|<\/p>/gi, ' ');
  return (template.content.textContent ?? '').replace(/\s+/g, ' ').trim();
}

// Server HTML (already sanitised by the server) made ready to show: links open safely.

/** `html` with every link marked `rel="noopener nofollow"` (and `ugc`), opening in a new tab. */
export function prepareContent(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const link of template.content.querySelectorAll('a')) {
    link.setAttribute('rel', 'noopener nofollow ugc');
    link.setAttribute('target', '_blank');
  }
  return template.innerHTML;
}

// A post's or bio's HTML, as the server sanitised it; its links open safely, and those to
// a page of this client (a profile, a hashtag on any server) open within it.
import { useEffect, useMemo, useRef } from 'react';
import { prepareContent } from '../lib/html';
import { match, navigate, tagPath } from '../router';

/** A hashtag's name, as servers mark its links (`class="hashtag"`, `rel="tag"`); else null. */
function hashtagOf(link: HTMLAnchorElement): string | null {
  if (!link.classList.contains('hashtag') && !link.relList.contains('tag')) return null;
  const name = (link.textContent ?? '').trim().replace(/^#/, '');
  return name === '' || /[\s/]/.test(name) ? null : name;
}

/** The client path a plain click on `link` should open in place, if any. */
export function clientPath(link: HTMLAnchorElement, origin: string): string | null {
  const hashtag = hashtagOf(link);
  if (hashtag !== null) return tagPath(hashtag);
  if (link.origin !== origin) return null;
  return match(link.pathname).name === 'notFound' ? null : link.pathname;
}

export function Content({ html, className }: { html: string; className?: string }) {
  const prepared = useMemo(() => ({ __html: prepareContent(html) }), [html]);
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    // Links are the server's HTML, not React elements: one listener reads their clicks.
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
      }
      const link = (event.target as Element | null)?.closest('a');
      if (link === null || link === undefined) return;
      const path = clientPath(link, window.location.origin);
      if (path === null) return;
      event.preventDefault();
      navigate(path);
    };
    element.addEventListener('click', onClick);
    return () => element.removeEventListener('click', onClick);
  }, []);
  return <div ref={container} className={className ?? 'content'} dangerouslySetInnerHTML={prepared} />;
}

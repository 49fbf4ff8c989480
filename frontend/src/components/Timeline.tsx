// A list of posts that loads more as the reader nears its end, with the live-updates bar and
// keyboard shortcuts (j/k to move between posts, o, f, b on the focused post, ? for help).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { en, t } from '../i18n/en';
import { nextFocusIndex, shortcutFor } from '../lib/shortcuts';
import { KeyboardHelp } from './KeyboardHelp';
import { ArrowUpIcon } from './Icons';
import type { LiveTimeline } from './live';

interface Props {
  label: string;
  count: number;
  hasNext: boolean;
  isLoadingNext: boolean;
  loadNext: () => void;
  live: LiveTimeline;
  onRefresh: () => void;
  emptyMessage: string;
  children: ReactNode;
}

export function Timeline({
  label,
  count,
  hasNext,
  isLoadingNext,
  loadNext,
  live,
  onRefresh,
  emptyMessage,
  children,
}: Props) {
  const sentinel = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const container = list.current;
      if (event.defaultPrevented || container === null) return;
      // A dialog open above the timeline has the keyboard to itself.
      if (event.target instanceof Element && event.target.closest('dialog') !== null) return;
      const shortcut = shortcutFor(event);
      if (shortcut === null) return;
      if (shortcut === 'help') {
        event.preventDefault();
        setHelpOpen(true);
        return;
      }
      const posts = Array.from(container.querySelectorAll<HTMLElement>('[data-post]'));
      const active = document.activeElement;
      const current = active instanceof Element ? active.closest<HTMLElement>('[data-post]') : null;
      // On a page of several lists (pinned notes above the others), the focused post's list acts.
      if (current !== null && !container.contains(current)) return;
      const index = current === null ? -1 : posts.indexOf(current);
      if (shortcut === 'next' || shortcut === 'previous') {
        const target = posts[nextFocusIndex(index, posts.length, shortcut)];
        if (target === undefined) return;
        event.preventDefault();
        target.focus({ preventScroll: true });
        target.scrollIntoView?.({ block: 'nearest' });
        return;
      }
      if (current === null || index < 0) return;
      const control = current.querySelector<HTMLElement>(`[data-shortcut="${shortcut}"]`);
      if (control === null) return;
      event.preventDefault();
      control.click();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => {
    const element = sentinel.current;
    if (element === null || !hasNext || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && !isLoadingNext) loadNext();
      },
      { rootMargin: '800px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNext, isLoadingNext, loadNext]);

  const showNew = () => {
    live.showPending();
    window.scrollTo({ top: 0 });
    list.current?.focus();
  };

  return (
    <section className="timeline" aria-label={label}>
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
      {live.pending.length > 0 && (
        <div className="timeline__new">
          <button type="button" className="button button--pill" onClick={showNew}>
            <ArrowUpIcon />
            {t(en.timeline.newPosts, { count: live.pending.length })}
          </button>
        </div>
      )}
      {live.lagged && (
        <div className="timeline__new" role="status">
          <span>{en.timeline.lagged}</span>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              live.clearLagged();
              onRefresh();
            }}
          >
            {en.timeline.refresh}
          </button>
        </div>
      )}
      <div className="timeline__list" ref={list} tabIndex={-1} aria-busy={isLoadingNext}>
        {count === 0 ? <p className="timeline__empty">{emptyMessage}</p> : children}
      </div>
      <div ref={sentinel} className="timeline__footer">
        {hasNext ? (
          <button type="button" className="button" disabled={isLoadingNext} onClick={loadNext}>
            {isLoadingNext ? en.timeline.loadingMore : en.timeline.loadMore}
          </button>
        ) : (
          count > 0 && <p className="timeline__end">{en.timeline.end}</p>
        )}
      </div>
    </section>
  );
}

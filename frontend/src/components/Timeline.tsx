// A list of posts that loads more as the reader nears its end and puts in the page only those
// near the viewport, with the live-updates bar and keyboard shortcuts (j/k to move between
// posts, o, r, f, b on the focused post, ? for help).
import { useEffect, useRef, type ReactNode } from 'react';
import { en, t } from '../i18n/en';
import { KeyboardHelp } from './KeyboardHelp';
import { ArrowUpIcon } from './Icons';
import type { LiveTimeline } from './live';
import { usePostShortcuts } from './usePostShortcuts';
import { WindowedItems } from './WindowedItems';

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
  const { helpOpen, closeHelp } = usePostShortcuts(list);

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
      <KeyboardHelp open={helpOpen} onClose={closeHelp} />
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
      <div className="timeline__list" ref={list} tabIndex={-1} aria-busy={isLoadingNext} data-count={count}>
        {count === 0 ? <p className="timeline__empty">{emptyMessage}</p> : <WindowedItems>{children}</WindowedItems>}
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

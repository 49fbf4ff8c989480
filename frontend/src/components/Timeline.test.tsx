// Keyboard shortcuts on a timeline: j and k move focus over its posts, f and b press the
// focused post's buttons, ? opens the list of shortcuts, and nothing happens while typing.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Environment, Network, RecordSource, Store } from 'relay-runtime';
import { en } from '../i18n/en';
import { pageText } from '../i18n/pageText';
import { render, type Rendered } from '../testing/render';
import { Timeline } from './Timeline';
import type { LiveTimeline } from './live';

const quiet: LiveTimeline = {
  pending: [],
  lagged: false,
  showPending: () => undefined,
  clearLagged: () => undefined,
};

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

function posts(favourite: (id: string) => void) {
  return ['one', 'two', 'three'].map((id) => (
    <article key={id} id={id} tabIndex={-1} data-post>
      <p>{id}</p>
      <button type="button" data-shortcut="favourite" onClick={() => favourite(id)}>
        {en.status.favourite}
      </button>
    </article>
  ));
}

function show(favourite: (id: string) => void = () => undefined): Rendered {
  const environment = new Environment({
    network: Network.create(() => Promise.reject(new Error('no network'))),
    store: new Store(new RecordSource()),
  });
  return render(
    environment,
    <>
      <input aria-label="elsewhere" />
      <Timeline
        label="Posts"
        count={3}
        hasNext={false}
        isLoadingNext={false}
        loadNext={() => undefined}
        live={quiet}
        onRefresh={() => undefined}
        emptyMessage={en.timeline.empty}
      >
        {posts(favourite)}
      </Timeline>
    </>,
  );
}

function press(key: string, init: KeyboardEventInit = {}): boolean {
  const target = document.activeElement ?? document.body;
  let notCancelled = true;
  act(() => {
    notCancelled = target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
  return notCancelled;
}

describe('Timeline shortcuts', () => {
  it('moves focus down and up the posts with j and k', () => {
    rendered = show();
    press('j');
    expect(document.activeElement?.id).toBe('one');
    press('j');
    expect(document.activeElement?.id).toBe('two');
    press('j');
    press('j');
    expect(document.activeElement?.id).toBe('three');
    press('k');
    expect(document.activeElement?.id).toBe('two');
  });

  it('favourites the focused post with f', () => {
    const favourite = vi.fn();
    rendered = show(favourite);
    press('f');
    expect(favourite).not.toHaveBeenCalled();
    press('j');
    press('j');
    expect(press('f')).toBe(false);
    expect(favourite).toHaveBeenCalledWith('two');
  });

  it('does nothing while typing or with a modifier held', () => {
    const favourite = vi.fn();
    rendered = show(favourite);
    const input = rendered.container.querySelector('input');
    input?.focus();
    expect(press('j')).toBe(true);
    expect(document.activeElement).toBe(input);
    press('j', { ctrlKey: true });
    (document.activeElement as HTMLElement | null)?.blur();
    press('j', { metaKey: true });
    expect(document.activeElement).toBe(document.body);
    press('j');
    press('f', { altKey: true });
    expect(favourite).not.toHaveBeenCalled();
  });

  it('opens the labelled list of shortcuts with ?', async () => {
    rendered = show();
    press('?');
    // The list loads when first opened.
    await act(async () => {
      await import('./KeyboardHelpDialog');
    });
    const dialog = rendered.container.querySelector('dialog');
    expect(dialog?.open).toBe(true);
    const title = dialog?.getAttribute('aria-labelledby') ?? '';
    expect(document.getElementById(title)?.textContent).toBe(pageText.keyboard.title);
  });

  it('moves within the list of the focused post when a page has two', () => {
    const environment = new Environment({
      network: Network.create(() => Promise.reject(new Error('no network'))),
      store: new Store(new RecordSource()),
    });
    const list = (label: string, ids: string[]) => (
      <Timeline
        label={label}
        count={ids.length}
        hasNext={false}
        isLoadingNext={false}
        loadNext={() => undefined}
        live={quiet}
        onRefresh={() => undefined}
        emptyMessage={en.timeline.empty}
      >
        {ids.map((id) => (
          <article key={id} id={id} tabIndex={-1} data-post />
        ))}
      </Timeline>
    );
    rendered = render(
      environment,
      <>
        {list('Pinned', ['pinned'])}
        {list('Others', ['first', 'second'])}
      </>,
    );
    act(() => document.getElementById('first')?.focus());
    press('j');
    expect(document.activeElement?.id).toBe('second');
    press('k');
    expect(document.activeElement?.id).toBe('first');
  });
});

// The announcements above the page: only current ones not dismissed; kept live as they are
// made, changed, unpublished and deleted; dismissed at once, and back if the server refuses.
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Environment,
  Network,
  Observable,
  RecordSource,
  Store,
  type GraphQLResponse,
  type RequestParameters,
} from 'relay-runtime';
import type { Sink } from 'relay-runtime/lib/network/RelayObservable';
import { pageText } from '../i18n/pageText';
import { dataIdOf } from '../relay/environment';
import { render, type Rendered } from '../testing/render';
import { Announcer } from './Announcer';
import Announcements from './Announcements';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

const hour = 3_600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

interface Item {
  id: string;
  html: string;
  startsAt: string | null;
  endsAt: string | null;
  read: boolean;
}

function item(id: string, words: string, more: Partial<Item> = {}): Item {
  return { id, html: `<p>${words}</p>`, startsAt: null, endsAt: null, read: false, ...more };
}

function event(id: string, announcement: (Item & { published?: boolean }) | null) {
  return {
    data: {
      announcementUpdates: {
        announcementId: id,
        announcement: announcement === null ? null : { published: true, ...announcement },
      },
    },
  };
}

async function showBanner(initial: Item[] | 'unavailable', dismissal: 'accept' | 'refuse' = 'accept') {
  const streams: Sink<GraphQLResponse>[] = [];
  const dismissed: unknown[] = [];
  const fetch = (request: RequestParameters, variables: Record<string, unknown>): Promise<GraphQLResponse> => {
    if (request.name === 'AnnouncementsQuery') {
      if (initial === 'unavailable') {
        return Promise.resolve({
          data: null,
          errors: [{ message: 'no', extensions: { code: 'INTERNAL' } }],
        } as unknown as GraphQLResponse);
      }
      return Promise.resolve({ data: { announcements: initial } });
    }
    if (request.name === 'AnnouncementsDismissMutation') {
      dismissed.push(variables.id);
      if (dismissal === 'refuse') {
        return Promise.resolve({
          data: null,
          errors: [{ message: 'gone', extensions: { code: 'NOT_FOUND' } }],
        } as unknown as GraphQLResponse);
      }
      return Promise.resolve({ data: { dismissAnnouncement: { announcement: { id: variables.id, read: true } } } });
    }
    return Promise.reject(new Error(`unexpected ${request.name}`));
  };
  const environment = new Environment({
    network: Network.create(fetch, () => Observable.create<GraphQLResponse>((sink) => void streams.push(sink))),
    store: new Store(new RecordSource()),
    getDataID: dataIdOf,
  });
  await act(async () => {
    rendered = render(
      environment,
      <Announcer>
        <main id="main">
          <Announcements />
          <h1 tabIndex={-1}>Home</h1>
        </main>
      </Announcer>,
    );
  });
  const container = (rendered as Rendered).container;
  const shown = () => [...container.querySelectorAll('.announcement__text')].map((element) => element.textContent);
  const push = (response: GraphQLResponse) => act(() => streams.forEach((sink) => sink.next(response)));
  const dismissButtons = () =>
    [...container.querySelectorAll<HTMLButtonElement>('.announcement button')].filter(
      (button) => button.textContent === pageText.announcements.dismiss,
    );
  const announced = () => container.querySelector('.announcer')?.textContent ?? '';
  return { container, shown, push, dismissButtons, dismissed, announced, streams };
}

describe('Announcements', () => {
  it('shows the current ones not dismissed, in a region named for them, and each at its start', async () => {
    const { container, shown } = await showBanner([
      item('a1', 'Maintenance tonight'),
      item('a2', 'Read already', { read: true }),
      item('a3', 'Soon', { startsAt: at(400) }),
      item('a4', 'Over', { endsAt: at(-hour) }),
      item('a5', 'This week', { startsAt: at(-hour), endsAt: at(hour) }),
    ]);
    expect(shown()).toEqual(['Maintenance tonight', 'This week']);
    const region = container.querySelector('section');
    expect(region?.getAttribute('aria-label')).toBe(pageText.announcements.region);
    // Each button is described by its announcement's text.
    const button = region?.querySelector('button');
    expect(document.getElementById(button?.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Maintenance tonight');
    // The one starting in a moment shows when it starts, without a reload.
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 600));
    });
    expect(shown()).toEqual(['Maintenance tonight', 'Soon', 'This week']);
  });

  it('shows nothing at all when there is nothing to show', async () => {
    const { container } = await showBanner([item('a2', 'Read already', { read: true })]);
    expect(container.querySelector('section')).toBeNull();
  });

  it('leaves the page alone when the announcements cannot be had', async () => {
    // React reports the error the banner caught; it is expected here.
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { container } = await showBanner('unavailable');
      expect(container.querySelector('section')).toBeNull();
      expect(container.textContent).toBe('Home');
      expect(reported).toHaveBeenCalled();
    } finally {
      reported.mockRestore();
    }
  });

  it('adds a new one first, changes an edited one in place, and drops one deleted or unpublished', async () => {
    const { shown, push } = await showBanner([item('a1', 'First')]);
    push(event('a2', item('a2', 'Second')));
    expect(shown()).toEqual(['Second', 'First']);
    push(event('a1', item('a1', 'First, corrected')));
    expect(shown()).toEqual(['Second', 'First, corrected']);
    push(event('a2', null));
    expect(shown()).toEqual(['First, corrected']);
    push(event('a1', { ...item('a1', 'First, corrected'), published: false }));
    expect(shown()).toEqual([]);
    // One that starts later waits for its time.
    push(event('a3', item('a3', 'Next week', { startsAt: at(7 * 24 * hour) })));
    expect(shown()).toEqual([]);
  });

  it('dismisses one at once, moving the focus to the next, and tells the server', async () => {
    const { shown, dismissButtons, dismissed, announced } = await showBanner([item('a1', 'First'), item('a2', 'Second')]);
    const [first] = dismissButtons();
    act(() => first?.focus());
    await act(async () => first?.click());
    expect(shown()).toEqual(['Second']);
    expect(dismissed).toEqual(['a1']);
    expect(document.activeElement).toBe(dismissButtons()[0]);
    expect(announced()).toContain(pageText.announcements.dismissed);
    // The last one gone, the focus goes to the page's heading.
    await act(async () => dismissButtons()[0]?.click());
    expect(shown()).toEqual([]);
    expect(document.activeElement?.textContent).toBe('Home');
  });

  it('brings a dismissed one back when the server refuses, and says why', async () => {
    const { shown, dismissButtons, announced } = await showBanner([item('a1', 'First')], 'refuse');
    await act(async () => dismissButtons()[0]?.click());
    expect(shown()).toEqual(['First']);
    expect(announced()).toContain('Could not dismiss the announcement');
  });
});

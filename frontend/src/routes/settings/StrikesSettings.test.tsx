// The viewer's strikes: each action by its name, its reason and the posts it concerns; a
// plain sentence when there are none.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { render, type Rendered } from '../../testing/render';
import StrikesSettings, { strikeAction } from './StrikesSettings';

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

const text = settingsText.strikes;

async function renderWith(strikes: unknown[]): Promise<HTMLElement> {
  const network: FetchFunction = () => Promise.resolve({ data: { strikes } });
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(
    environment,
    <Suspense fallback="…">
      <StrikesSettings />
    </Suspense>,
  );
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return rendered.container;
}

describe('StrikesSettings', () => {
  it('says so when the moderators have done nothing', async () => {
    const container = await renderWith([]);
    expect(container.textContent).toContain(text.empty);
    expect(container.querySelector('ul')).toBeNull();
  });

  it('shows each action, its reason, its date and the posts concerned', async () => {
    const container = await renderWith([
      {
        id: 'strike-1',
        action: 'LIMIT',
        reason: 'Repeated spam.',
        createdAt: '2026-11-02T10:00:00Z',
        statuses: [
          {
            id: 'U3RhdHVzOjAxOGY2YjJhLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMQ',
            createdAt: '2026-11-01T09:00:00Z',
            content: '<p>Cheap <b>watches</b></p>',
            contentWarning: '',
            author: { acct: 'seller' },
          },
        ],
      },
      { id: 'strike-2', action: 'WARN', reason: '', createdAt: '2026-10-01T10:00:00Z', statuses: [] },
    ]);
    const items = [...container.querySelectorAll('li.strike')];
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain(text.LIMIT);
    expect(items[0]?.textContent).toContain(text.LIMIT_description);
    expect(items[0]?.textContent).toContain('Repeated spam.');
    expect(items[0]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-02T10:00:00Z');
    const link = items[0]?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('/@seller/018f6b2a-0000-7000-8000-000000000001');
    expect(items[0]?.textContent).toContain('Cheap watches');
    expect(items[0]?.querySelector('ul')?.getAttribute('aria-label')).toBe(t(text.statuses, { count: 1 }));
    expect(items[1]?.textContent).toContain(text.WARN);
    expect(items[1]?.textContent).toContain(text.noReason);
  });

  it('names an action it does not know plainly', () => {
    expect(strikeAction('SUSPEND')).toEqual({ name: text.SUSPEND, description: text.SUSPEND_description });
    expect(strikeAction('%future added value')).toEqual({ name: text.other, description: null });
  });
});

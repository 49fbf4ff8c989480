// The viewer's strikes: each action by its name, its reason and the posts it concerns; a
// plain sentence when there are none; what became of each appeal, and the form to appeal.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction, type GraphQLResponse } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { absoluteTime } from '../../lib/time';
import { render, typeInto, type Rendered } from '../../testing/render';
import { appealTextProblem } from './StrikeAppeal';
import StrikesSettings, { strikeAction } from './StrikesSettings';

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

const text = settingsText.strikes;

interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

const tick = () =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

async function renderWith(
  strikes: unknown[],
  mutation: (variables: Record<string, unknown>) => object = () => ({ data: null }),
  sent: Sent[] = [],
): Promise<HTMLElement> {
  const network: FetchFunction = (operation, variables) => {
    if (operation.operationKind !== 'mutation') return Promise.resolve({ data: { strikes } });
    sent.push({ name: operation.name, variables });
    return Promise.resolve(mutation(variables) as GraphQLResponse);
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(
    environment,
    <Suspense fallback="…">
      <StrikesSettings />
    </Suspense>,
  );
  await tick();
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
            author: { id: 'seller-1', acct: 'seller' },
          },
        ],
        appeal: null,
        appealableUntil: null,
      },
      {
        id: 'strike-2',
        action: 'WARN',
        reason: '',
        createdAt: '2026-10-01T10:00:00Z',
        statuses: [],
        appeal: null,
        appealableUntil: null,
      },
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
    expect(container.querySelector('button')).toBeNull();
  });

  it('names an action it does not know plainly', () => {
    expect(strikeAction('SUSPEND')).toEqual({ name: text.SUSPEND, description: text.SUSPEND_description });
    expect(strikeAction('%future added value')).toEqual({ name: text.other, description: null });
  });
});

function strike(id: string, appeal: unknown, appealableUntil: string | null = null) {
  return { id, action: 'LIMIT', reason: 'Spam.', createdAt: '2026-12-01T10:00:00Z', statuses: [], appeal, appealableUntil };
}

function appeal(id: string, state: string, rejectionReason = '', decidedAt: string | null = null) {
  return { id, text: 'It was a mistake.', state, createdAt: '2026-12-02T10:00:00Z', decidedAt, rejectionReason };
}

function button(container: HTMLElement, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) => element.textContent === label);
  if (found === undefined) throw new Error(`no button ${label}`);
  return found;
}

function submit(form: HTMLFormElement) {
  act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('appeals of strikes', () => {
  it('shows what became of each appeal', async () => {
    const container = await renderWith([
      strike('s1', appeal('p1', 'PENDING')),
      strike('s2', appeal('p2', 'APPROVED', '', '2026-12-03T10:00:00Z')),
      strike('s3', appeal('p3', 'REJECTED', 'Spam is spam.', '2026-12-03T10:00:00Z')),
      strike('s4', appeal('p4', 'REJECTED', '  ', '2026-12-03T10:00:00Z')),
    ]);
    const items = [...container.querySelectorAll('li.strike')];
    expect(items[0]?.textContent).toContain(text.appealPending);
    expect(items[0]?.textContent).toContain(t(text.appealYouWrote, { text: 'It was a mistake.' }));
    expect(items[1]?.textContent).toContain(text.appealApproved);
    expect(items[1]?.querySelector('time[datetime="2026-12-03T10:00:00Z"]')).not.toBeNull();
    expect(items[2]?.textContent).toContain(text.appealRejected);
    expect(items[2]?.textContent).toContain(t(text.appealRejectionReason, { reason: 'Spam is spam.' }));
    expect(items[3]?.textContent).toContain(text.appealNoRejectionReason);
    // Appealed once, none may be appealed again.
    expect(container.querySelector('button')).toBeNull();
  });

  it('sends an appeal from its form, and the strike then shows it sent', async () => {
    const sent: Sent[] = [];
    const container = await renderWith(
      [strike('s1', null, '2026-12-21T10:00:00Z'), strike('s2', null)],
      (variables) => ({
        data: {
          appealStrike: {
            strike: {
              id: 's1',
              appealableUntil: null,
              appeal: { ...appeal('p1', 'PENDING'), text: (variables.input as { text: string }).text },
            },
          },
        },
      }),
      sent,
    );
    const items = [...container.querySelectorAll('li.strike')];
    expect(items[0]?.textContent).toContain(t(text.appealUntil, { when: absoluteTime('2026-12-21T10:00:00Z') }));
    expect(items[1]?.querySelector('button')).toBeNull();
    const open = button(container, text.appeal);
    expect(open.getAttribute('aria-expanded')).toBe('false');
    act(() => open.click());
    expect(open.getAttribute('aria-expanded')).toBe('true');

    const form = container.querySelector('form');
    const field = form?.querySelector('textarea');
    if (form === null || field === null || field === undefined) throw new Error('no form');
    const label = form.querySelector(`label[for="${field.id}"]`);
    expect(label?.textContent).toBe(text.appealText);
    expect(document.activeElement).toBe(field);

    // Nothing written: refused beside the field, nothing sent.
    submit(form);
    expect(sent).toHaveLength(0);
    const error = form.querySelector('.form-error');
    expect(error?.textContent).toBe(text.appealEmpty);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(error?.id ?? 'none');

    typeInto(field, '  It was a mistake.  ');
    expect(form.textContent).toContain(t(text.appealLeft, { remaining: 1979 }));
    submit(form);
    await tick();
    expect(sent).toEqual([{ name: 'StrikeAppealMutation', variables: { input: { strikeId: 's1', text: 'It was a mistake.' } } }]);
    expect(container.querySelector('form')).toBeNull();
    expect(items[0]?.textContent).toContain(text.appealPending);
    expect(items[0]?.querySelector('button')).toBeNull();
    expect(document.activeElement?.textContent).toBe(text.appealPending);
  });

  it('shows a refusal of the text beside the field', async () => {
    const container = await renderWith([strike('s1', null, '2026-12-21T10:00:00Z')], () => ({
      data: null,
      errors: [{ message: 'An appeal is 1 to 2,000 characters.', extensions: { code: 'VALIDATION', field: 'text' } }],
    }));
    act(() => button(container, text.appeal).click());
    const form = container.querySelector('form');
    const field = form?.querySelector('textarea');
    if (form === null || field === null || field === undefined) throw new Error('no form');
    typeInto(field, 'Please.');
    submit(form);
    await tick();
    const error = form.querySelector('.form-error');
    expect(error?.textContent).toBe('An appeal is 1 to 2,000 characters.');
    expect(field.getAttribute('aria-describedby')).toContain(error?.id ?? 'none');
    expect(field.value).toBe('Please.');

    act(() => button(container, text.appealCancel).click());
    expect(container.querySelector('form')).toBeNull();
    expect(document.activeElement?.textContent).toBe(text.appeal);
  });

  it('checks the text before sending it', () => {
    expect(appealTextProblem(' \n ')).toBe(text.appealEmpty);
    expect(appealTextProblem('a'.repeat(2000))).toBeNull();
    expect(appealTextProblem('a'.repeat(2001))).toBe(text.appealTooLong);
  });
});

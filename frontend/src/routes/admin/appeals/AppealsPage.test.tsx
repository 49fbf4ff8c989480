// The appeals: listed by the state the address names, each with whose it is, the strike and
// what its owner wrote; a waiting one approved in one press or rejected with a reason, then
// shown in its new state; a refusal of the reason shown beside it.
import { act } from 'react';
import type { FetchFunction, GraphQLResponse } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
import { environmentWith, render, typeInto, type Rendered } from '../../../testing/render';
import AppealsPage, { appealStateOf, appealsAddress, appealsQuery } from './AppealsPage';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
  window.history.replaceState(null, '', '/');
});

const text = adminText.appeals;

function appeal(id: string, acct: string, state = 'PENDING', more: Record<string, unknown> = {}) {
  return {
    __typename: 'Appeal',
    id,
    text: `Please, says ${acct}.`,
    state,
    createdAt: '2026-12-06T09:00:00Z',
    decidedAt: null,
    rejectionReason: '',
    decidedBy: null,
    account: { id: `account-${acct}`, acct },
    strike: { id: `strike-${id}`, action: 'LIMIT', reason: 'Spam.', createdAt: '2026-12-05T09:00:00Z' },
    ...more,
  };
}

function page(nodes: object[], hasNextPage = false) {
  return {
    appeals: {
      edges: nodes.map((node, index) => ({ cursor: `c${index}`, node })),
      pageInfo: { hasNextPage, endCursor: 'c-end' },
    },
  };
}

const tick = () =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

function button(container: HTMLElement, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find(
    (element) => element.getAttribute('aria-label') === label || element.textContent === label,
  );
  if (found === undefined) throw new Error(`no button ${label}`);
  return found;
}

interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

/** Answers mutations with `answer`; the list's own refresh never comes. */
function serve(sent: Sent[], answer: (name: string, variables: Record<string, unknown>) => object): FetchFunction {
  return (operation, variables) => {
    if (operation.operationKind !== 'mutation') return new Promise<never>(() => undefined);
    sent.push({ name: operation.name, variables });
    return Promise.resolve(answer(operation.name, variables) as GraphQLResponse);
  };
}

function items(container: HTMLElement): HTMLLIElement[] {
  return [...container.querySelectorAll<HTMLLIElement>('li.admin-appeal')];
}

describe('appeal states in the address', () => {
  it('reads the state, waiting ones by default', () => {
    expect(appealStateOf(null)).toBe('PENDING');
    expect(appealStateOf('approved')).toBe('APPROVED');
    expect(appealStateOf('REJECTED')).toBe('REJECTED');
    expect(appealStateOf('lost')).toBe('PENDING');
    expect(appealsAddress('PENDING')).toBe('/admin/appeals');
    expect(appealsAddress('REJECTED')).toBe('/admin/appeals?state=rejected');
  });
});

describe('AppealsPage', () => {
  it('lists the waiting appeals with the account, the strike and what was written', async () => {
    window.history.replaceState(null, '', '/admin/appeals');
    const environment = environmentWith(
      appealsQuery,
      { state: 'PENDING' },
      page(
        [
          appeal('ap-1', 'ada'),
          appeal('ap-2', 'bo', 'PENDING', { strike: { id: 's2', action: 'WARN', reason: '', createdAt: '2026-12-04T09:00:00Z' } }),
        ],
        true,
      ),
      () => new Promise<never>(() => undefined),
    );
    rendered = render(environment, <AppealsPage />);
    await tick();
    const { container } = rendered;
    const tabs = [...container.querySelectorAll('nav a')];
    expect(tabs.map((tab) => tab.textContent)).toEqual([text.PENDING, text.APPROVED, text.REJECTED]);
    expect(tabs[0]?.getAttribute('aria-current')).toBe('page');
    expect(tabs[2]?.getAttribute('href')).toBe('/admin/appeals?state=rejected');

    const [first, second] = items(container);
    expect(first?.querySelector('h2 a')?.getAttribute('href')).toBe('/admin/accounts/account-ada');
    expect(first?.querySelector('h2')?.textContent).toBe('@ada');
    expect(first?.textContent).toContain(adminText.taken.LIMIT);
    expect(first?.textContent).toContain('Spam.');
    expect(first?.textContent).toContain('Please, says ada.');
    expect(first?.querySelector('time[datetime="2026-12-05T09:00:00Z"]')).not.toBeNull();
    expect(first?.querySelector('time[datetime="2026-12-06T09:00:00Z"]')).not.toBeNull();
    expect(first?.textContent).toContain(text.PENDING);
    expect(second?.textContent).toContain(adminText.taken.WARN);
    expect(second?.textContent).toContain(text.noReason);
    expect(button(container, t(text.approveOf, { acct: 'bo' }))).toBeDefined();
    expect(button(container, text.loadMore)).toBeDefined();
  });

  it('shows decided appeals without buttons, a rejection with its reason', async () => {
    window.history.replaceState(null, '', '/admin/appeals?state=rejected');
    const environment = environmentWith(
      appealsQuery,
      { state: 'REJECTED' },
      page([
        appeal('ap-3', 'cy', 'REJECTED', {
          decidedAt: '2026-12-07T09:00:00Z',
          rejectionReason: 'The posts were spam.',
          decidedBy: { id: 'mod-1', acct: 'mod' },
        }),
      ]),
      () => new Promise<never>(() => undefined),
    );
    rendered = render(environment, <AppealsPage />);
    await tick();
    const { container } = rendered;
    expect(container.querySelector('nav a[aria-current="page"]')?.textContent).toBe(text.REJECTED);
    const [item] = items(container);
    expect(item?.textContent).toContain(text.REJECTED);
    expect(item?.textContent).toContain(t(text.by, { acct: 'mod' }));
    expect(item?.textContent).toContain(text.rejectionReason);
    expect(item?.textContent).toContain('The posts were spam.');
    expect(item?.querySelector('button')).toBeNull();
  });

  it('says so when none wait', async () => {
    const environment = environmentWith(appealsQuery, { state: 'PENDING' }, page([]), () => new Promise<never>(() => undefined));
    rendered = render(environment, <AppealsPage />);
    await tick();
    expect(rendered.container.textContent).toContain(text.none_PENDING);
    expect(rendered.container.querySelector('ul')).toBeNull();
  });

  it('approves an appeal, which then shows it approved', async () => {
    const sent: Sent[] = [];
    const network = serve(sent, (_name, variables) => ({
      data: {
        approveAppeal: {
          appeal: appeal((variables.input as { appealId: string }).appealId, 'ada', 'APPROVED', {
            decidedAt: '2026-12-07T10:00:00Z',
            decidedBy: { id: 'mod-1', acct: 'mod' },
          }),
        },
      },
    }));
    const environment = environmentWith(appealsQuery, { state: 'PENDING' }, page([appeal('ap-1', 'ada'), appeal('ap-2', 'bo')]), network);
    rendered = render(environment, <AppealsPage />);
    await tick();
    const { container } = rendered;
    act(() => button(container, t(text.approveOf, { acct: 'ada' })).click());
    await tick();
    expect(sent).toEqual([{ name: 'AppealsPageApproveMutation', variables: { input: { appealId: 'ap-1' } } }]);
    const [first, second] = items(container);
    expect(first?.querySelector('.admin-appeal__state')?.textContent).toBe(text.APPROVED);
    expect(first?.textContent).toContain(t(text.by, { acct: 'mod' }));
    expect(first?.querySelector('button')).toBeNull();
    expect(document.activeElement).toBe(first?.querySelector('.admin-appeal__state'));
    expect(second?.querySelectorAll('button')).toHaveLength(2);
  });

  it('rejects an appeal with a reason, and shows a refusal of the reason beside it', async () => {
    const sent: Sent[] = [];
    let refuse = true;
    const network = serve(sent, (_name, variables) => {
      const input = variables.input as { appealId: string; reason: string };
      if (refuse) {
        return {
          data: null,
          errors: [{ message: 'A reason is at most 2,000 characters.', extensions: { code: 'VALIDATION', field: 'reason' } }],
        };
      }
      return {
        data: {
          rejectAppeal: {
            appeal: appeal(input.appealId, 'ada', 'REJECTED', { decidedAt: '2026-12-07T10:00:00Z', rejectionReason: input.reason }),
          },
        },
      };
    });
    const environment = environmentWith(appealsQuery, { state: 'PENDING' }, page([appeal('ap-1', 'ada')]), network);
    rendered = render(environment, <AppealsPage />);
    await tick();
    const { container } = rendered;
    const reject = button(container, t(text.rejectOf, { acct: 'ada' }));
    act(() => reject.click());
    expect(reject.getAttribute('aria-expanded')).toBe('true');
    const form = container.querySelector('form');
    const field = form?.querySelector('textarea');
    if (form === null || field === null || field === undefined) throw new Error('no form');
    expect(form.querySelector(`label[for="${field.id}"]`)?.textContent).toBe(t(text.rejectReason, { acct: 'ada' }));
    expect(document.activeElement).toBe(field);

    typeInto(field, ' The posts were spam. ');
    act(() => form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await tick();
    const error = form.querySelector('.form-error');
    expect(error?.textContent).toBe('A reason is at most 2,000 characters.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(error?.id ?? 'none');

    refuse = false;
    act(() => form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await tick();
    expect(sent.map((item) => item.variables)).toEqual([
      { input: { appealId: 'ap-1', reason: 'The posts were spam.' } },
      { input: { appealId: 'ap-1', reason: 'The posts were spam.' } },
    ]);
    const [item] = items(container);
    expect(item?.querySelector('.admin-appeal__state')?.textContent).toBe(text.REJECTED);
    expect(item?.textContent).toContain('The posts were spam.');
    expect(item?.querySelector('form')).toBeNull();
    expect(item?.querySelector('button')).toBeNull();
  });
});

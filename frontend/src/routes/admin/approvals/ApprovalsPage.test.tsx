// The sign-ups waiting: each with what its applicant wrote; approved or rejected (with a
// reason), it leaves the list; a refusal is shown with its message.
import { act } from 'react';
import type { FetchFunction, GraphQLResponse } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
import { environmentWith, render, typeInto, type Rendered } from '../../../testing/render';
import ApprovalsPage, { approvalsQuery } from './ApprovalsPage';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

const text = adminText.approvals;

const waiting = {
  adminAccounts: {
    nodes: [
      {
        id: 'acc-1',
        email: 'ada@example.com',
        registrationReason: 'I knit.',
        createdAt: '2026-12-07T09:00:00Z',
        account: { id: 'a-1', acct: 'ada' },
      },
      {
        id: 'acc-2',
        email: 'bo@example.com',
        registrationReason: null,
        createdAt: '2026-12-07T08:00:00Z',
        account: { id: 'a-2', acct: 'bo' },
      },
    ],
  },
};

const tick = () =>
  act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

function button(container: HTMLElement, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) => element.getAttribute('aria-label') === label || element.textContent === label);
  if (found === undefined) throw new Error(`no button ${label}`);
  return found;
}

function handles(container: HTMLElement): string[] {
  return [...container.querySelectorAll('li h2')].map((heading) => heading.textContent ?? '');
}

interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

function serve(sent: Sent[], answer: (name: string) => object): FetchFunction {
  return (operation, variables) => {
    if (operation.operationKind !== 'mutation') return new Promise<never>(() => undefined);
    sent.push({ name: operation.name, variables });
    return Promise.resolve(answer(operation.name) as GraphQLResponse);
  };
}

describe('ApprovalsPage', () => {
  it('lists each sign-up with its email, reason and date', async () => {
    const environment = environmentWith(approvalsQuery, {}, waiting, () => new Promise<never>(() => undefined));
    rendered = render(environment, <ApprovalsPage />);
    await tick();
    const { container } = rendered;
    expect(handles(container)).toEqual(['@ada', '@bo']);
    expect(container.textContent).toContain('ada@example.com');
    expect(container.textContent).toContain('I knit.');
    expect(container.textContent).toContain(text.noReason);
    expect(container.querySelectorAll('time').length).toBe(2);
  });

  it('approves a sign-up, which leaves the list', async () => {
    const sent: Sent[] = [];
    const network = serve(sent, () => ({ data: { approveAccount: { account: { id: 'acc-1', approved: true } } } }));
    rendered = render(environmentWith(approvalsQuery, {}, waiting, network), <ApprovalsPage />);
    await tick();
    const { container } = rendered;
    await act(async () => {
      button(container, 'Approve @ada').click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent).toEqual([{ name: 'ApprovalButtonsApproveMutation', variables: { input: { accountId: 'acc-1' } } }]);
    expect(handles(container)).toEqual(['@bo']);
  });

  it('rejects a sign-up with the reason written, and then it leaves the list', async () => {
    const sent: Sent[] = [];
    const network = serve(sent, () => ({ data: { rejectAccount: { rejectedAccountId: 'acc-2' } } }));
    rendered = render(environmentWith(approvalsQuery, {}, waiting, network), <ApprovalsPage />);
    await tick();
    const { container } = rendered;
    const reject = button(container, 'Reject @bo');
    act(() => reject.click());
    expect(reject.getAttribute('aria-expanded')).toBe('true');
    const field = container.querySelector<HTMLInputElement>('form input');
    expect(document.activeElement).toBe(field);
    typeInto(field as HTMLInputElement, ' Spam account ');
    await act(async () => {
      button(container, text.confirmReject).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent).toEqual([
      { name: 'ApprovalButtonsRejectMutation', variables: { input: { accountId: 'acc-2', reason: 'Spam account' } } },
    ]);
    expect(handles(container)).toEqual(['@ada']);
  });

  it('keeps a sign-up listed and says why when the server refuses', async () => {
    const sent: Sent[] = [];
    const network = serve(sent, () => ({ data: null, errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }] }));
    rendered = render(environmentWith(approvalsQuery, {}, waiting, network), <ApprovalsPage />);
    await tick();
    const { container } = rendered;
    await act(async () => {
      button(container, 'Approve @ada').click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(handles(container)).toEqual(['@ada', '@bo']);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(en.errors.FORBIDDEN);
  });

  it('says when no sign-up waits', async () => {
    rendered = render(
      environmentWith(approvalsQuery, {}, { adminAccounts: { nodes: [] } }, () => new Promise<never>(() => undefined)),
      <ApprovalsPage />,
    );
    await tick();
    expect(rendered.container.textContent).toContain(text.none);
  });
});

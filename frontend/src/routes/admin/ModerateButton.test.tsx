// Suspending from a report takes two presses here: the action, then its confirmation, with
// the reason the report's category suggests, resolving the report.
import { act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction, type Variables } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminText } from '../../i18n/adminText';
import { dataIdOf } from '../../relay/environment';
import { render, typeInto, type Rendered } from '../../testing/render';
import { ModerateButton } from './ModerateButton';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

/** The account as the server answers after `action`. */
function answered(id: string, action: string) {
  return {
    id,
    account: { id, acct: 'spammer', local: true },
    email: 'spammer@example.com',
    registrationReason: null,
    createdAt: '2026-12-01T10:00:00Z',
    approved: true,
    disabled: false,
    limited: false,
    sensitive: false,
    suspended: action === 'SUSPEND',
    purgeAt: null,
    role: { id: 'Um9sZTo0', name: 'user' },
    strikes: [],
    reports: [],
    reportsFiled: [],
    notes: [],
  };
}

function recording(): { sent: { name: string; variables: Variables }[]; environment: Environment } {
  const sent: { name: string; variables: Variables }[] = [];
  const network: FetchFunction = (operation, variables) => {
    sent.push({ name: operation.name, variables });
    const input = variables.input as { accountId: string; action: string };
    return Promise.resolve({ data: { moderateAccount: { strike: { id: 'U3RyaWtlOjE' }, account: answered(input.accountId, input.action) } } });
  };
  const store = new Store(new RecordSource());
  // As the client's own: an account and a moderator's view of it share an id.
  return { sent, environment: new Environment({ network: Network.create(network), store, getDataID: dataIdOf }) };
}

function buttonNamed(container: HTMLElement, name: string): HTMLButtonElement | undefined {
  return [...container.querySelectorAll('button')].find((button) => button.textContent === name);
}

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('ModerateButton', () => {
  it('suspends with the suggested reason and resolves the report, on the second press', async () => {
    const { sent, environment } = recording();
    rendered = render(
      environment,
      <ModerateButton
        accountId="QWNjb3VudDox"
        acct="spammer"
        local
        action="SUSPEND"
        reportIds={['UmVwb3J0OjE']}
        statusIds={['U3RhdHVzOjE']}
        preset="spam"
      />,
    );
    const container = rendered.container;
    act(() => buttonNamed(container, adminText.actions.SUSPEND)?.click());
    const dialog = container.querySelector('dialog');
    expect(dialog?.querySelector('h2')?.textContent).toBe('Suspend @spammer');
    const reason = dialog?.querySelector('select');
    expect(reason?.value).toBe('spam');
    expect([...(reason?.options ?? [])].map((option) => option.textContent)).toContain('Harassment');
    expect(dialog?.textContent).toContain(adminText.moderate.resolvesReport);

    act(() => buttonNamed(container, 'Suspend @spammer')?.click());
    await settle();
    expect(sent).toEqual([
      {
        name: 'ModerateButtonMutation',
        variables: {
          input: {
            accountId: 'QWNjb3VudDox',
            action: 'SUSPEND',
            reason: 'Spam',
            internalNote: '',
            reportIds: ['UmVwb3J0OjE'],
            statusIds: ['U3RhdHVzOjE'],
            notify: true,
          },
        },
      },
    ]);
    // Done, the dialog closes.
    expect(container.querySelector('dialog h2')).toBeNull();
  });

  it('adds the moderator’s words to the reason, and mails no remote account', async () => {
    const { sent, environment } = recording();
    rendered = render(environment, <ModerateButton accountId="QWNjb3VudDoy" acct="troll@elsewhere.example" local={false} action="WARN" />);
    const container = rendered.container;
    act(() => buttonNamed(container, adminText.actions.WARN)?.click());
    const dialog = container.querySelector('dialog');
    expect(dialog?.querySelector('select')?.value).toBe('other');
    expect(dialog?.querySelector('input[type="checkbox"]')).toBeNull();
    const select = dialog?.querySelector('select');
    act(() => {
      if (select !== null && select !== undefined) {
        select.value = 'harassment';
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
    });
    const details = dialog?.querySelector('textarea');
    if (details !== null && details !== undefined) typeInto(details, 'Threats in replies');
    act(() => buttonNamed(container, 'Warn @troll@elsewhere.example')?.click());
    await settle();
    expect(sent[0]?.variables).toEqual({
      input: {
        accountId: 'QWNjb3VudDoy',
        action: 'WARN',
        reason: 'Harassment: Threats in replies',
        internalNote: '',
        reportIds: [],
        statusIds: [],
        notify: false,
      },
    });
  });
});

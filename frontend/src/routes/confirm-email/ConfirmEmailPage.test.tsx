// Confirming an email address with the mail's link: the token of the address sent once as the
// page opens, the address confirmed said with the way home (or to sign in when signed out), and
// a wrong, used, expired or superseded link, or an address taken since, said to be so.
import { StrictMode, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { en, t } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { RookeryError } from '../../relay/errors';
import { ViewerContext, type Viewer } from '../../session';
import { render, type Rendered } from '../../testing/render';
import ConfirmEmailPage, { confirmEmailFailure } from './ConfirmEmailPage';

const text = pageText.confirmEmail;

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
  window.history.replaceState(null, '', '/');
});

interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

async function openAt(path: string, answer: () => unknown, viewer: Viewer | null = null): Promise<{ sent: Sent[]; container: HTMLElement }> {
  window.history.replaceState(null, '', path);
  const sent: Sent[] = [];
  const network: FetchFunction = (operation, variables) => {
    sent.push({ name: operation.name, variables });
    return Promise.resolve(answer()) as ReturnType<FetchFunction>;
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(
    environment,
    <StrictMode>
      <ViewerContext value={viewer}>
        <ConfirmEmailPage />
      </ViewerContext>
    </StrictMode>,
  );
  await act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));
  return { sent, container: rendered.container };
}

const confirmed = (email: string) => () => ({ data: { confirmEmail: { email, account: { id: 'account-1' } } } });

describe('confirmEmailFailure', () => {
  it('takes a refused token for a link that is not valid, and says an address taken since', () => {
    expect(confirmEmailFailure(new RookeryError('VALIDATION', 'token', 'expired'))).toEqual({ invalidLink: true, message: text.invalidLink });
    expect(confirmEmailFailure(new RookeryError('VALIDATION', 'input.token', 'superseded'))).toEqual({
      invalidLink: true,
      message: text.invalidLink,
    });
    expect(confirmEmailFailure(new RookeryError('EMAIL_TAKEN'))).toEqual({ invalidLink: false, message: text.taken });
    expect(confirmEmailFailure(new RookeryError('RATE_LIMITED'))).toEqual({ invalidLink: false, message: en.errors.RATE_LIMITED });
  });
});

describe('ConfirmEmailPage', () => {
  it('sends the token of the address once, says the address is confirmed and leads home', async () => {
    const { sent, container } = await openAt('/confirm-email?token=ec_abc-123_X', confirmed('alice@example.com'), {
      id: 'account-1',
      acct: 'alice',
    });
    expect(sent).toEqual([{ name: 'ConfirmEmailPageConfirmMutation', variables: { input: { token: 'ec_abc-123_X' } } }]);
    expect(container.querySelector('h1')?.textContent).toBe(text.title);
    expect(container.querySelector('[role="status"]')?.textContent).toBe(t(text.done, { email: 'alice@example.com' }));
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Your address alice@example.com is confirmed.');
    expect(container.querySelector('a[href="/"]')?.textContent).toBe(text.goHome);
  });

  it('works signed out, and then leads to sign in', async () => {
    const { sent, container } = await openAt('/confirm-email?token=ec_abc', confirmed('bob@example.com'));
    expect(sent).toHaveLength(1);
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Your address bob@example.com is confirmed.');
    expect(container.querySelector('a[href="/sign-in"]')?.textContent).toBe(text.signIn);
    expect(container.querySelector('a[href="/"]')).toBeNull();
  });

  it('says a refused token is a link not valid or expired, and where to ask for another', async () => {
    const { container } = await openAt(
      '/confirm-email?token=ec_used',
      () => ({ data: null, errors: [{ message: 'this link is not valid or has expired', extensions: { code: 'VALIDATION', field: 'token' } }] }),
      { id: 'account-1', acct: 'alice' },
    );
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('This link is not valid or has expired.');
    expect(container.querySelector('.page-description')?.textContent).toBe(text.invalidLinkHint);
    expect(container.querySelector('a[href="/settings/email"]')?.textContent).toBe(text.settings);
    expect(container.querySelector('[role="status"]')).toBeNull();
  });

  it('says when another account took the address since the link was sent', async () => {
    const { container } = await openAt('/confirm-email?token=ec_abc', () => ({
      data: null,
      errors: [{ message: 'taken', extensions: { code: 'EMAIL_TAKEN' } }],
    }));
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(text.taken);
    expect(container.querySelector('.page-description')).toBeNull();
    expect(container.querySelector('a[href="/sign-in"]')).not.toBeNull();
  });

  it('without a token, sends nothing and says so', async () => {
    const { sent, container } = await openAt('/confirm-email', confirmed('alice@example.com'));
    expect(sent).toHaveLength(0);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(text.noToken);
  });
});

// The banner asking to confirm the email address: shown only while it is not confirmed, naming
// where the link went (a new address waiting before the old one); the link sent again, or the
// rate limit said in this page's words; nothing when the address cannot be had; and gone at
// once when the link's page confirms the viewer's address.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction, type GraphQLResponse } from 'relay-runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { en, t } from '../i18n/en';
import { settingsText } from '../i18n/settingsText';
import { pageText } from '../i18n/pageText';
import { RookeryError } from '../relay/errors';
import { dataIdOf } from '../relay/environment';
import ConfirmEmailPage from '../routes/confirm-email/ConfirmEmailPage';
import { ViewerContext } from '../session';
import { render, type Rendered } from '../testing/render';
import EmailConfirmationBanner from './EmailConfirmationBanner';
import { resendFailure } from './ResendConfirmation';

const text = settingsText.emailConfirmation;

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

type Address = { email: string; confirmed: boolean; pending: string | null };

async function showBanner(
  address: Address | 'unavailable',
  answers: Record<string, () => unknown> = {},
  page: React.ReactNode = null,
): Promise<{ sent: Sent[]; container: HTMLElement }> {
  const sent: Sent[] = [];
  const network: FetchFunction = (operation, variables) => {
    sent.push({ name: operation.name, variables });
    if (operation.name === 'EmailConfirmationBannerQuery') {
      if (address === 'unavailable') {
        return Promise.resolve({ data: null, errors: [{ message: 'no', extensions: { code: 'INTERNAL' } }] } as unknown as GraphQLResponse);
      }
      return Promise.resolve({ data: { emailAddress: address } });
    }
    const answer = answers[operation.name];
    if (answer === undefined) return Promise.reject(new Error(`unexpected ${operation.name}`));
    return Promise.resolve(answer()) as ReturnType<FetchFunction>;
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()), getDataID: dataIdOf });
  await act(async () => {
    rendered = render(
      environment,
      <ViewerContext value={{ id: 'account-1', acct: 'alice' }}>
        <main id="main">
          <EmailConfirmationBanner />
          <Suspense fallback="…">{page}</Suspense>
        </main>
      </ViewerContext>,
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return { sent, container: (rendered as Rendered).container };
}

const banner = (container: HTMLElement) => container.querySelector(`section[aria-label="${text.region}"]`);

async function click(button: HTMLButtonElement | null | undefined) {
  await act(async () => {
    button?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('resendFailure', () => {
  it('says a rate limit in its own words, and anything else as the server puts it', () => {
    expect(resendFailure(new RookeryError('RATE_LIMITED'))).toBe(text.rateLimited);
    expect(resendFailure(new RookeryError('VALIDATION', 'email', 'your address is confirmed already'))).toBe(
      'your address is confirmed already',
    );
    expect(resendFailure(new TypeError('Failed to fetch'))).toBe(en.errors.NETWORK);
  });
});

describe('EmailConfirmationBanner', () => {
  it('says where the link went and what waits for it, in a region named for it', async () => {
    const { container } = await showBanner({ email: 'alice@example.com', confirmed: false, pending: null });
    const region = banner(container);
    expect(region?.querySelector('p')?.textContent).toBe(t(text.banner, { email: 'alice@example.com' }));
    expect(region?.querySelector('p')?.textContent).toBe(
      'Confirm your email address: we sent a link to alice@example.com. Until then you can write notes to yourself, but not post, boost or follow.',
    );
    const button = region?.querySelector('button');
    expect(button?.textContent).toBe(text.resend);
    expect(document.getElementById(button?.getAttribute('aria-describedby') ?? '')?.textContent).toContain('alice@example.com');
  });

  it('names the new address waiting, not the old one', async () => {
    const { container } = await showBanner({ email: 'old@example.com', confirmed: false, pending: 'new@example.com' });
    expect(banner(container)?.textContent).toContain('we sent a link to new@example.com.');
  });

  it('shows nothing once the address is confirmed', async () => {
    const { container } = await showBanner({ email: 'alice@example.com', confirmed: true, pending: 'new@example.com' });
    expect(banner(container)).toBeNull();
    expect(container.textContent).toBe('');
  });

  it('sends the link again and says where it went', async () => {
    const { sent, container } = await showBanner(
      { email: 'alice@example.com', confirmed: false, pending: null },
      { ResendConfirmationMutation: () => ({ data: { resendEmailConfirmation: { email: 'alice@example.com' } } }) },
    );
    await click(banner(container)?.querySelector('button'));
    expect(sent.map((item) => item.name)).toEqual(['EmailConfirmationBannerQuery', 'ResendConfirmationMutation']);
    expect(banner(container)?.querySelector('[role="status"]')?.textContent).toBe('Sent to alice@example.com.');
  });

  it('says when a link went out too recently for another', async () => {
    const { container } = await showBanner(
      { email: 'alice@example.com', confirmed: false, pending: null },
      {
        ResendConfirmationMutation: () => ({ data: null, errors: [{ message: 'rate limited', extensions: { code: 'RATE_LIMITED' } }] }),
      },
    );
    await click(banner(container)?.querySelector('button'));
    expect(banner(container)?.querySelector('[role="alert"]')?.textContent).toBe(text.rateLimited);
    expect(banner(container)?.querySelector('[role="status"]')).toBeNull();
  });

  it('leaves the page alone when the address cannot be had', async () => {
    // React reports the error the banner caught; it is expected here.
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { container } = await showBanner('unavailable');
      expect(banner(container)).toBeNull();
      expect(container.textContent).toBe('');
    } finally {
      reported.mockRestore();
    }
  });

  it('goes as soon as the link’s page confirms the viewer’s address', async () => {
    window.history.replaceState(null, '', '/confirm-email?token=ec_abc');
    const { container } = await showBanner(
      { email: 'alice@example.com', confirmed: false, pending: null },
      {
        ConfirmEmailPageConfirmMutation: () => ({
          data: { confirmEmail: { email: 'alice@example.com', account: { id: 'account-1' } } },
        }),
      },
      <ConfirmEmailPage />,
    );
    await act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));
    expect(container.querySelector('[role="status"]')?.textContent).toBe(t(pageText.confirmEmail.done, { email: 'alice@example.com' }));
    expect(banner(container)).toBeNull();
  });
});

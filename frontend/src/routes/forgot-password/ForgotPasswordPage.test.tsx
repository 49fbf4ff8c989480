// Asking for a reset link sends the email or username as typed (trimmed) and then says the same
// thing whatever the server knows; a failure to reach it is shown above the button.
import { act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { render, typeInto, type Rendered } from '../../testing/render';
import ForgotPasswordPage from './ForgotPasswordPage';

const text = pageText.forgotPassword;

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

async function submitWith(login: string, answer: () => unknown) {
  const sent: { name: string; variables: Record<string, unknown> }[] = [];
  const network: FetchFunction = (operation, variables) => {
    sent.push({ name: operation.name, variables });
    return Promise.resolve(answer()) as ReturnType<FetchFunction>;
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(environment, <ForgotPasswordPage />);
  const container = rendered.container;
  const label = [...container.querySelectorAll('label')].find((element) => element.textContent === text.login);
  const input = document.getElementById(label?.htmlFor ?? '');
  if (!(input instanceof HTMLInputElement)) throw new Error('no login field');
  typeInto(input, login);
  await act(async () => {
    container.querySelector('form')?.requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return { sent, container };
}

describe('ForgotPasswordPage', () => {
  it('sends the login and says a mail is on its way if an account matches', async () => {
    const { sent, container } = await submitWith('  wren@mail.example ', () => ({ data: { requestPasswordReset: { requested: true } } }));
    expect(sent).toEqual([{ name: 'ForgotPasswordPageRequestMutation', variables: { input: { login: 'wren@mail.example' } } }]);
    expect(container.querySelector('[role="status"]')?.textContent).toBe(text.sent);
    expect(container.querySelector('form')).toBeNull();
    expect(container.querySelector('a[href="/sign-in"]')).not.toBeNull();
  });

  it('shows a refusal, such as too many tries, and keeps the form', async () => {
    const { container } = await submitWith('wren', () => ({
      data: null,
      errors: [{ message: 'rate limited', extensions: { code: 'RATE_LIMITED' } }],
    }));
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(en.errors.RATE_LIMITED);
    expect(container.querySelector('[role="status"]')).toBeNull();
    expect(container.querySelector('form')).not.toBeNull();
  });
});

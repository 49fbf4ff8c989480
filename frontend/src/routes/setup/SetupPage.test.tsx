// The setup page sends claimInstance with the link's token and what was entered, then signs
// in as the owner; a refused link is explained and nobody is signed in.
import { act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pageText } from '../../i18n/pageText';
import { RookeryError } from '../../relay/errors';
import { render, typeInto, type Rendered } from '../../testing/render';
import SetupPage from './SetupPage';

interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

let rendered: Rendered | undefined;
let signInRequests: { url: string; body: unknown }[] = [];

beforeEach(() => {
  window.history.replaceState(null, '', '/setup/rks_token');
  window.scrollTo = () => undefined;
  signInRequests = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    signInRequests.push({ url, body: JSON.parse(String(init.body)) });
    return Promise.resolve(
      new Response(JSON.stringify({ accountId: '1', username: 'owner' }), { status: 200 }),
    );
  });
});

afterEach(() => {
  rendered?.unmount();
  vi.unstubAllGlobals();
});

/** Renders the page over a network that records each operation and answers with `answer`. */
function renderSetup(answer: () => Promise<unknown>): { sent: Sent[]; container: HTMLDivElement } {
  const sent: Sent[] = [];
  const network: FetchFunction = (operation, variables) => {
    sent.push({ name: operation.name, variables });
    return answer() as ReturnType<FetchFunction>;
  };
  const environment = new Environment({
    network: Network.create(network),
    store: new Store(new RecordSource()),
  });
  rendered = render(environment, <SetupPage token="rks_token" />);
  return { sent, container: rendered.container };
}

function field(container: HTMLElement, label: string): HTMLInputElement | HTMLTextAreaElement {
  const labelElement = [...container.querySelectorAll('label')].find(
    (element) => element.textContent === label,
  );
  const control = labelElement?.htmlFor ? document.getElementById(labelElement.htmlFor) : null;
  if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)) {
    throw new Error(`no field labelled ${label}`);
  }
  return control;
}

async function fillAndSubmit(container: HTMLElement): Promise<void> {
  typeInto(field(container, pageText.signUp.username), 'owner');
  typeInto(field(container, pageText.signUp.email), 'owner@example.com');
  typeInto(field(container, pageText.signUp.password), 'correct horse battery staple');
  typeInto(field(container, pageText.setup.name), ' Birds of a Feather ');
  typeInto(field(container, pageText.setup.description), 'A place for birders.');
  const open = [...container.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
    (radio) => radio.value === 'OPEN',
  );
  act(() => open?.click());
  const submit = container.querySelector<HTMLButtonElement>('button[type="submit"]');
  expect(submit?.textContent).toBe(pageText.setup.submit);
  await act(async () => {
    submit?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('SetupPage', () => {
  it('labels every field and explains every registration mode', () => {
    const { container } = renderSetup(() => new Promise(() => undefined));
    const labels = [
      pageText.signUp.username,
      pageText.signUp.email,
      pageText.signUp.password,
      pageText.setup.name,
      pageText.setup.description,
    ];
    for (const label of labels) expect(field(container, label)).toBeDefined();
    expect(container.querySelector('legend')?.textContent).toBe(pageText.setup.registrationMode);
    const choices = container.querySelectorAll('.choice');
    expect(choices).toHaveLength(3);
    for (const choice of choices) {
      expect(choice.querySelector('.hint')?.textContent).not.toBe('');
    }
  });

  it('claims the instance with the token and signs in as the owner', async () => {
    const { sent, container } = renderSetup(() =>
      Promise.resolve({
        data: {
          claimInstance: {
            account: { id: 'QWNjb3VudDox', acct: 'owner' },
            instance: { name: 'Birds of a Feather' },
          },
        },
      }),
    );
    await fillAndSubmit(container);

    expect(sent).toEqual([
      {
        name: 'SetupPageClaimMutation',
        variables: {
          input: {
            token: 'rks_token',
            username: 'owner',
            email: 'owner@example.com',
            password: 'correct horse battery staple',
            name: 'Birds of a Feather',
            description: 'A place for birders.',
            registrationMode: 'OPEN',
          },
        },
      },
    ]);
    expect(signInRequests).toEqual([
      { url: '/auth/session', body: { username: 'owner', password: 'correct horse battery staple' } },
    ]);
    expect(window.location.pathname).toBe('/');
  });

  it('says when the link is wrong or used, and signs nobody in', async () => {
    const { sent, container } = renderSetup(() => Promise.reject(new RookeryError('FORBIDDEN')));
    await fillAndSubmit(container);

    expect(sent).toHaveLength(1);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(pageText.setup.linkRefused);
    expect(signInRequests).toEqual([]);
    expect(window.location.pathname).toBe('/setup/rks_token');
    expect(container.querySelector<HTMLButtonElement>('button[type="submit"]')?.disabled).toBe(false);
  });
});

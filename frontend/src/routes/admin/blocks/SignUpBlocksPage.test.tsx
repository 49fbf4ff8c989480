// Sign-up blocks: both lists read from the server, refusals placed beside the field the
// server names, and a new block going first in its list.
import { Suspense, act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSignUpsText } from '../../../i18n/adminSignUpsText';
import { RookeryError } from '../../../relay/errors';
import { render, typeInto, type Rendered } from '../../../testing/render';
import SignUpBlocksPage, { blockFailure } from './SignUpBlocksPage';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

const text = adminSignUpsText.blocks;
const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

function button(container: HTMLElement, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) => element.textContent === label);
  if (found === undefined) throw new Error(`no button ${label}`);
  return found;
}

function field(container: HTMLElement, label: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const found = [...container.querySelectorAll('label')].find((element) => element.textContent === label);
  const control = found?.htmlFor ? document.getElementById(found.htmlFor) : null;
  if (!(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement)) {
    throw new Error(`no field labelled ${label}`);
  }
  return control;
}

const lists = {
  emailDomainBlocks: [{ id: 'e1', domain: 'spam.example', createdAt: '2026-12-01T10:00:00Z' }],
  ipBlocks: [
    {
      id: 'i1',
      range: '192.0.2.0/24',
      severity: 'SIGN_UP_REQUIRES_APPROVAL',
      comment: 'A spam wave',
      expiresAt: null,
      createdAt: '2026-12-01T10:00:00Z',
    },
  ],
};

function renderPage(answer: FetchFunction) {
  const sent: { name: string; variables: Record<string, unknown> }[] = [];
  const network: FetchFunction = (operation, variables, ...rest) => {
    sent.push({ name: operation.name, variables });
    return operation.name === 'SignUpBlocksPageQuery' ? Promise.resolve({ data: lists }) : answer(operation, variables, ...rest);
  };
  const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
  rendered = render(
    environment,
    <Suspense fallback="…">
      <SignUpBlocksPage />
    </Suspense>,
  );
  return { sent, container: rendered.container };
}

const refusal = (field: string, message: string) =>
  Promise.resolve({ data: null, errors: [{ message, extensions: { code: 'VALIDATION', field } }] } as never);

describe('blockFailure', () => {
  it('places a refusal beside the field named, else above the buttons', () => {
    expect(blockFailure(new RookeryError('VALIDATION', 'input.range', 'not a range'), ['range', 'comment'])).toEqual({
      place: 'range',
      message: 'not a range',
    });
    expect(blockFailure(new RookeryError('VALIDATION', 'domain', 'not a domain'), ['domain'])).toEqual({
      place: 'domain',
      message: 'not a domain',
    });
    expect(blockFailure(new RookeryError('VALIDATION', 'other', 'odd'), ['domain'])).toEqual({ place: 'form', message: 'odd' });
    expect(blockFailure(new RookeryError('FORBIDDEN'), ['domain'])).toEqual({ place: 'form', message: text.forbidden });
  });
});

describe('SignUpBlocksPage', () => {
  it('lists the email domains and the IP ranges, severity in words', async () => {
    const { container } = renderPage(() => Promise.reject(new Error('not asked')));
    await settle();
    const domains = [...container.querySelectorAll('table.email-domain-blocks tbody th')].map((cell) => cell.textContent);
    expect(domains).toEqual(['spam.example']);
    const ip = [...container.querySelectorAll('table.ip-blocks tbody tr:first-child > *')].map((cell) => cell.textContent);
    expect(ip.slice(0, 4)).toEqual(['192.0.2.0/24', adminSignUpsText.severities.SIGN_UP_REQUIRES_APPROVAL, 'A spam wave', text.never]);
  });

  it('shows the refusal of a domain beside the domain field', async () => {
    const { container } = renderPage(() => refusal('input.domain', 'not a domain name'));
    await settle();
    const domain = field(container, text.domain);
    typeInto(domain as HTMLInputElement, 'nope');
    await act(async () => {
      button(container.querySelector(`form[aria-label="${text.emailAddTitle}"]`) as HTMLElement, text.add).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const alert = domain.parentElement?.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('not a domain name');
    expect(domain.getAttribute('aria-invalid')).toBe('true');
    expect(domain.getAttribute('aria-describedby')).toContain(alert?.id);
  });

  it('shows the refusal of a range beside the range field, and of a comment beside it', async () => {
    let next = refusal('input.range', 'not an address or range');
    const { container } = renderPage(() => next);
    await settle();
    const form = container.querySelector(`form[aria-label="${text.ipAddTitle}"]`) as HTMLElement;
    const range = field(form, text.range) as HTMLInputElement;
    typeInto(range, '300.1.1.1');
    await act(async () => {
      button(form, text.add).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(range.parentElement?.querySelector('[role="alert"]')?.textContent).toBe('not an address or range');
    expect(range.getAttribute('aria-invalid')).toBe('true');

    next = refusal('comment', 'too long');
    await act(async () => {
      button(form, text.add).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const comment = field(form, text.comment);
    expect(comment.parentElement?.querySelector('[role="alert"]')?.textContent).toBe('too long');
    expect(range.getAttribute('aria-invalid')).toBe('false');
  });

  it('adds an IP range with its severity, comment and expiry, first in the list', async () => {
    const { sent, container } = renderPage(() =>
      Promise.resolve({
        data: {
          addIpBlock: {
            ipBlock: {
              id: 'i2',
              range: '198.51.100.7/32',
              severity: 'SIGN_UP_BLOCK',
              comment: 'Bots',
              expiresAt: '2026-12-07T13:00:00Z',
              createdAt: '2026-12-07T12:00:00Z',
            },
          },
        },
      }),
    );
    await settle();
    const form = container.querySelector(`form[aria-label="${text.ipAddTitle}"]`) as HTMLElement;
    typeInto(field(form, text.range) as HTMLInputElement, ' 198.51.100.7 ');
    typeInto(field(form, text.comment) as HTMLTextAreaElement, 'Bots');
    const expires = field(form, text.expires) as HTMLSelectElement;
    act(() => {
      expires.value = '1h';
      expires.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => {
      button(form, text.add).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const input = sent.find((item) => item.name === 'SignUpBlocksPageAddIpMutation')?.variables.input as Record<string, unknown>;
    expect(input).toMatchObject({ range: '198.51.100.7', severity: 'SIGN_UP_BLOCK', comment: 'Bots' });
    expect(typeof input.expiresAt).toBe('string');
    const ranges = [...container.querySelectorAll('table.ip-blocks tbody th')].map((cell) => cell.textContent);
    expect(ranges).toEqual(['198.51.100.7/32', '192.0.2.0/24']);
  });
});

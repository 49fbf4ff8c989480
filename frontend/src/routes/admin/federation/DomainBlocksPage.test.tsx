// Blocked servers: the list read from the server, a refusal placed beside the domain, and an
// import previewed (nothing changed) before it is applied, its blocks then in the list.
import { act, Suspense } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminFederationText } from '../../../i18n/adminFederationText';
import { render, typeInto, type Rendered } from '../../../testing/render';
import DomainBlocksPage, { DomainBlockForm } from './DomainBlocksPage';

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

const text = adminFederationText.domainBlocks;
const exchange = adminFederationText.exchange;

function block(domain: string, severity: string, extra: Record<string, unknown> = {}) {
  return {
    domain,
    severity,
    rejectMedia: false,
    rejectReports: false,
    obfuscate: false,
    privateComment: '',
    publicComment: '',
    createdAt: '2026-12-01T10:00:00Z',
    accountsCount: 0,
    ...extra,
  };
}

function button(container: HTMLElement, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) => element.textContent === label);
  if (found === undefined) throw new Error(`no button ${label}`);
  return found;
}

function listed(container: HTMLElement): string[][] {
  return [...container.querySelectorAll('table.domain-blocks tbody tr')].map((row) =>
    [...row.querySelectorAll('th, td')].slice(0, 2).map((cell) => cell.textContent ?? ''),
  );
}

const settle = () => act(async () => await new Promise((resolve) => setTimeout(resolve, 0)));

describe('DomainBlocksPage', () => {
  it('previews an import without changing anything, then applies it', async () => {
    const imports: { csv: string; apply: boolean }[] = [];
    const network: FetchFunction = (operation, variables) => {
      if (operation.name === 'DomainBlocksPageQuery') {
        return Promise.resolve({
          data: {
            domainBlocks: [
              block('spam.example', 'SUSPEND', {
                publicComment: 'Spam',
                accountsCount: 3,
              }),
            ],
          },
        });
      }
      const input = (variables as { input: { csv: string; apply: boolean } }).input;
      imports.push(input);
      return Promise.resolve({
        data: {
          importDomainBlocks: {
            changes: [
              {
                domain: 'spam.example',
                change: 'UNCHANGED',
                block: block('spam.example', 'SUSPEND', {
                  publicComment: 'Spam',
                  accountsCount: 3,
                }),
              },
              {
                domain: 'loud.example',
                change: 'ADD',
                block: block('loud.example', 'LIMIT'),
              },
            ],
          },
        },
      });
    };
    const environment = new Environment({
      network: Network.create(network),
      store: new Store(new RecordSource()),
    });
    rendered = render(
      environment,
      <Suspense fallback="…">
        <DomainBlocksPage />
      </Suspense>,
    );
    await settle();
    const { container } = rendered;
    expect(listed(container)).toEqual([['spam.example', adminFederationText.severities.SUSPEND]]);
    expect(container.querySelector('table.domain-blocks tbody tr')?.textContent).toContain('Spam');

    const csv =
      '#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\nspam.example,suspend,false,false,Spam,false\nloud.example,silence,false,false,,false\n';
    const area = container.querySelector<HTMLTextAreaElement>('textarea.domain-blocks__csv');
    typeInto(area as HTMLTextAreaElement, csv);
    await act(async () => {
      button(container, exchange.preview).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(imports).toEqual([{ csv, apply: false }]);
    const preview = () =>
      [...container.querySelectorAll('table.domain-block-changes tbody tr')].map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) => cell.textContent),
      );
    expect(container.querySelector('table.domain-block-changes caption')?.textContent).toBe(exchange.previewTitle);
    expect(preview()).toEqual([
      ['spam.example', adminFederationText.changes.UNCHANGED, adminFederationText.severities.SUSPEND],
      ['loud.example', adminFederationText.changes.ADD, adminFederationText.severities.LIMIT],
    ]);
    // A preview changes nothing in the list.
    expect(listed(container)).toEqual([['spam.example', adminFederationText.severities.SUSPEND]]);

    await act(async () => {
      button(container, exchange.apply).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(imports).toEqual([
      { csv, apply: false },
      { csv, apply: true },
    ]);
    expect(container.querySelector('table.domain-block-changes caption')?.textContent).toBe(exchange.appliedTitle);
    expect(preview()[1]).toEqual(['loud.example', adminFederationText.changes.ADD_done, adminFederationText.severities.LIMIT]);
    expect(listed(container)).toEqual([
      ['loud.example', adminFederationText.severities.LIMIT],
      ['spam.example', adminFederationText.severities.SUSPEND],
    ]);
    expect([...container.querySelectorAll('button')].some((element) => element.textContent === exchange.apply)).toBe(false);
  });

  it('shows the server’s refusal of the CSV beside it', async () => {
    const network: FetchFunction = (operation) =>
      operation.name === 'DomainBlocksPageQuery'
        ? Promise.resolve({ data: { domainBlocks: [] } })
        : Promise.resolve({
            data: null,
            errors: [
              {
                message: 'line 2: unknown severity "harsh"',
                extensions: { code: 'VALIDATION', field: 'csv' },
              },
            ],
          } as never);
    const environment = new Environment({
      network: Network.create(network),
      store: new Store(new RecordSource()),
    });
    rendered = render(
      environment,
      <Suspense fallback="…">
        <DomainBlocksPage />
      </Suspense>,
    );
    await settle();
    const { container } = rendered;
    expect(container.textContent).toContain(text.empty);
    const area = container.querySelector<HTMLTextAreaElement>('textarea.domain-blocks__csv') as HTMLTextAreaElement;
    typeInto(area, '#domain,#severity\nx.example,harsh\n');
    await act(async () => {
      button(container, exchange.preview).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('line 2: unknown severity "harsh"');
    expect(area.getAttribute('aria-invalid')).toBe('true');
    expect(area.getAttribute('aria-describedby')).toContain(alert?.id);
    expect(container.querySelector('table.domain-block-changes')).toBeNull();
  });
});

describe('DomainBlockForm', () => {
  function renderForm(error: { place: 'domain' | 'form'; message: string } | null, sent: unknown[]) {
    const environment = new Environment({
      network: Network.create(() => Promise.reject(new Error('no network'))),
      store: new Store(new RecordSource()),
    });
    rendered = render(
      environment,
      <DomainBlockForm busy={false} error={error} onSubmit={(fields) => sent.push(fields)} onCancel={() => undefined} />,
    );
    return rendered.container;
  }

  it('sends the domain, the severity chosen, the refusals and the comments', () => {
    const sent: unknown[] = [];
    const container = renderForm(null, sent);
    const domain = container.querySelector<HTMLInputElement>('input:not([type])') as HTMLInputElement;
    expect(document.activeElement).toBe(domain);
    typeInto(domain, 'Spam.Example');
    const select = container.querySelector('select') as HTMLSelectElement;
    expect([...select.options].map((option) => option.value)).toEqual(['NOOP', 'LIMIT', 'SUSPEND']);
    act(() => {
      select.value = 'LIMIT';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(container.textContent).toContain(adminFederationText.severities.LIMIT_description);
    const media = [...container.querySelectorAll('label')].find((label) => label.textContent === text.rejectMediaLabel);
    act(() => media?.querySelector('input')?.click());
    const [privateComment, publicComment] = [...container.querySelectorAll('textarea')];
    typeInto(privateComment as HTMLTextAreaElement, 'bots');
    typeInto(publicComment as HTMLTextAreaElement, 'Spam');
    act(() => button(container, text.save).click());
    expect(sent).toEqual([
      {
        domain: 'spam.example',
        severity: 'LIMIT',
        rejectMedia: true,
        rejectReports: false,
        obfuscate: false,
        privateComment: 'bots',
        publicComment: 'Spam',
      },
    ]);
  });

  it('shows a refusal of the domain beside the domain', () => {
    const container = renderForm({ place: 'domain', message: 'domain: not a domain name' }, []);
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('domain: not a domain name');
    const domain = container.querySelector<HTMLInputElement>('input:not([type])');
    expect(domain?.getAttribute('aria-invalid')).toBe('true');
    expect(domain?.getAttribute('aria-describedby')).toContain(alert?.id);
  });
});

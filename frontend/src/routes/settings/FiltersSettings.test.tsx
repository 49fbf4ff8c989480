// The filter form sends what was chosen: keywords with their whole-word flag, where the filter
// applies, what it does and when it ends; editing keeps an end still to come.
import { act } from 'react';
import { Environment, Network, RecordSource, Store } from 'relay-runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { render, typeInto, type Rendered } from '../../testing/render';
import { FilterForm, type FilterFields } from './FiltersSettings';

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

function environment(): Environment {
  return new Environment({ network: Network.create(() => Promise.reject(new Error('no network'))), store: new Store(new RecordSource()) });
}

function labelled(container: HTMLElement, text: string): HTMLInputElement | HTMLSelectElement {
  const label = [...container.querySelectorAll('label')].find((element) => element.textContent === text);
  const control = label?.htmlFor ? document.getElementById(label.htmlFor) : label?.querySelector('input');
  if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement)) throw new Error(`no control ${text}`);
  return control;
}

function click(container: HTMLElement, text: string): void {
  const target = [...container.querySelectorAll('button')].find((element) => element.textContent === text);
  if (target === undefined) throw new Error(`no button ${text}`);
  act(() => target.click());
}

function choose(select: HTMLSelectElement, value: string): void {
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function submit(container: HTMLElement): void {
  act(() => container.querySelector('form')?.requestSubmit());
}

describe('FilterForm', () => {
  it('sends keywords, contexts, action and expiry as chosen', () => {
    const sent = vi.fn<(fields: FilterFields) => void>();
    rendered = render(environment(), <FilterForm busy={false} error={null} onSubmit={sent} />);
    const { container } = rendered;
    typeInto(labelled(container, settingsText.filters.titleLabel) as HTMLInputElement, 'Spoilers');
    typeInto(labelled(container, t(settingsText.filters.keyword, { number: 1 })) as HTMLInputElement, 'finale');
    click(container, settingsText.filters.addKeyword);
    typeInto(labelled(container, t(settingsText.filters.keyword, { number: 2 })) as HTMLInputElement, 'cat');
    const wholeWords = [...container.querySelectorAll('label')].filter((label) => label.textContent === settingsText.filters.wholeWord);
    act(() => wholeWords[1]?.querySelector('input')?.click());
    act(() => labelled(container, settingsText.filters.NOTIFICATIONS).click());
    act(() => labelled(container, settingsText.filters.THREAD).click());
    act(() => labelled(container, settingsText.filters.HIDE).click());
    choose(labelled(container, settingsText.filters.expiry) as HTMLSelectElement, 'hours6');
    submit(container);

    expect(sent).toHaveBeenCalledWith({
      title: 'Spoilers',
      keywords: [
        { keyword: 'finale', wholeWord: true },
        { keyword: 'cat', wholeWord: false },
      ],
      contexts: ['HOME', 'NOTIFICATIONS', 'PUBLIC'],
      action: 'HIDE',
      expiresInSeconds: 21600,
    });
  });

  it('sends no end for a filter that never ends', () => {
    const sent = vi.fn<(fields: FilterFields) => void>();
    rendered = render(environment(), <FilterForm busy={false} error={null} onSubmit={sent} />);
    submit(rendered.container);
    expect(sent.mock.calls[0]?.[0]).not.toHaveProperty('expiresInSeconds');
  });

  it('starts an edit from the filter as it is, keeping its end', () => {
    const sent = vi.fn<(fields: FilterFields) => void>();
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    rendered = render(
      environment(),
      <FilterForm
        filter={{ title: 'Birds', contexts: ['THREAD'], action: 'WARN', keywords: [{ keyword: 'rook', wholeWord: false }], expiresAt: inAnHour }}
        busy={false}
        error={null}
        onSubmit={sent}
      />,
    );
    submit(rendered.container);
    const fields = sent.mock.calls[0]?.[0];
    expect(fields).toMatchObject({
      title: 'Birds',
      contexts: ['THREAD'],
      action: 'WARN',
      keywords: [{ keyword: 'rook', wholeWord: false }],
    });
    expect(fields?.expiresInSeconds).toBeGreaterThan(3500);
    expect(fields?.expiresInSeconds).toBeLessThanOrEqual(3600);
  });
});

// The rules' form: moving keeps the focus on the rule moved, and saving sends every rule in
// the order shown, existing ones by id.
import { act } from 'react';
import { Environment, Network, RecordSource, Store, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSettingsText } from '../../../i18n/adminSettingsText';
import { t } from '../../../i18n/en';
import { render, typeInto, type Rendered } from '../../../testing/render';
import { RulesForm } from './RulesPage';

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

const text = adminSettingsText.rules;
const saved = [
  { id: 'r1', text: 'Be kind', hint: 'No harassment.' },
  { id: 'r2', text: 'No spam', hint: '' },
  { id: 'r3', text: 'No ads', hint: '' },
];

function button(container: HTMLElement, label: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) => element.textContent === label);
  if (found === undefined) throw new Error(`no button ${label}`);
  return found;
}

function texts(container: HTMLElement): string[] {
  return [...container.querySelectorAll<HTMLInputElement>('li input')].map((input) => input.value);
}

describe('RulesForm', () => {
  it('moves, removes and adds rules, then saves them all in order', async () => {
    const sent: Record<string, unknown>[] = [];
    const network: FetchFunction = (_operation, variables) => {
      sent.push(variables);
      return Promise.resolve({
        data: {
          setInstanceRules: {
            rules: [
              { id: 'r3', text: 'No ads', hint: '' },
              { id: 'r2', text: 'No spam', hint: '' },
              { id: 'r4', text: 'Describe pictures', hint: '' },
            ],
          },
        },
      });
    };
    const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
    rendered = render(environment, <RulesForm saved={saved} />);
    const { container } = rendered;
    expect(texts(container)).toEqual(['Be kind', 'No spam', 'No ads']);
    expect(button(container, t(text.moveUp, { number: 1 })).disabled).toBe(true);
    expect(button(container, t(text.moveDown, { number: 3 })).disabled).toBe(true);

    const up = button(container, t(text.moveUp, { number: 3 }));
    act(() => up.focus());
    act(() => up.click());
    expect(texts(container)).toEqual(['Be kind', 'No ads', 'No spam']);
    // The same button, now the second rule's, keeps the focus.
    expect(document.activeElement).toBe(button(container, t(text.moveUp, { number: 2 })));
    act(() => button(container, t(text.moveUp, { number: 2 })).click());
    expect(texts(container)).toEqual(['No ads', 'Be kind', 'No spam']);
    // At the top, it can go no further up: the focus moves to its other button.
    expect(document.activeElement).toBe(button(container, t(text.moveDown, { number: 1 })));
    expect(container.textContent).toContain(text.unsaved);

    act(() => button(container, t(text.remove, { number: 2 })).click());
    expect(texts(container)).toEqual(['No ads', 'No spam']);
    act(() => button(container, text.add).click());
    const added = container.querySelectorAll<HTMLInputElement>('li input')[2];
    expect(document.activeElement).toBe(added);
    typeInto(added as HTMLInputElement, ' Describe pictures ');

    await act(async () => {
      button(container, text.save).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(sent).toEqual([
      {
        rules: [
          { id: 'r3', text: 'No ads', hint: '' },
          { id: 'r2', text: 'No spam', hint: '' },
          { text: 'Describe pictures', hint: '' },
        ],
      },
    ]);
    expect(container.querySelector('[role="status"]')?.textContent).toBe(text.saved);
  });

  it('shows the server’s refusal above the buttons', async () => {
    const network: FetchFunction = () =>
      Promise.resolve({
        data: null,
        errors: [{ message: 'rule 1 needs a text of 1 to 300 characters', extensions: { code: 'VALIDATION', field: 'rules' } }],
      } as never);
    const environment = new Environment({ network: Network.create(network), store: new Store(new RecordSource()) });
    rendered = render(environment, <RulesForm saved={[]} />);
    const { container } = rendered;
    expect(container.textContent).toContain(text.empty);
    act(() => button(container, text.add).click());
    await act(async () => {
      button(container, text.save).click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('rule 1 needs a text of 1 to 300 characters');
  });
});

// The profile form sends every setting it shows through updateProfile, pictures as uploads,
// and explains a refused input beside the field the server names.
import { act } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import type { FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { en, t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { RookeryError } from '../../relay/errors';
import { environmentWith, render, typeInto, type Rendered } from '../../testing/render';
import { MAX_PROFILE_FIELDS, ProfileForm } from './ProfileSettings';
import type { ProfileSettingsTestQuery } from './__generated__/ProfileSettingsTestQuery.graphql';

const query = graphql`
  query ProfileSettingsTestQuery {
    viewer {
      ...ProfileSettings_account
    }
  }
`;

function FormOfViewer() {
  const data = useLazyLoadQuery<ProfileSettingsTestQuery>(query, {}, { fetchPolicy: 'store-only' });
  return data.viewer ? <ProfileForm account={data.viewer} /> : null;
}

interface Sent {
  name: string;
  variables: Record<string, unknown>;
}

const viewer = {
  __typename: 'Account',
  id: 'QWNjb3VudDox',
  displayName: 'Alice',
  noteSource: 'Birds.',
  avatarUrl: null,
  headerUrl: null,
  locked: false,
  bot: false,
  discoverable: true,
  indexable: true,
  fields: [{ name: 'Website', value: 'https://alice.example' }],
};

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

function renderForm(answer: () => Promise<unknown>): { sent: Sent[]; container: HTMLDivElement } {
  const sent: Sent[] = [];
  const network: FetchFunction = (operation, variables) => {
    sent.push({ name: operation.name, variables });
    return answer() as ReturnType<FetchFunction>;
  };
  const environment = environmentWith(query, {}, { viewer }, network);
  rendered = render(environment, <FormOfViewer />);
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

function button(container: HTMLElement, name: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) => element.textContent === name);
  if (found === undefined) throw new Error(`no button ${name}`);
  return found;
}

async function save(container: HTMLElement): Promise<void> {
  await act(async () => {
    button(container, settingsText.profileSettings.save).click();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('ProfileForm', () => {
  it('sends the display name, bio, options and fields as edited', async () => {
    const { sent, container } = renderForm(() =>
      Promise.resolve({
        data: {
          updateProfile: {
            account: {
              ...viewer,
              displayName: 'Alice Liddell',
              note: '<p>Birds and bees.</p>',
              noteSource: 'Birds and bees.',
              locked: true,
              fields: [{ name: 'Pronouns', value: 'she/her', valueHtml: 'she/her', verifiedAt: null }],
            },
          },
        },
      }),
    );
    expect(field(container, settingsText.profileSettings.displayName).value).toBe('Alice');
    expect(field(container, settingsText.profileSettings.note).value).toBe('Birds.');

    typeInto(field(container, settingsText.profileSettings.displayName), 'Alice Liddell');
    typeInto(field(container, settingsText.profileSettings.note), 'Birds and bees.');
    const locked = [...container.querySelectorAll('label')].find(
      (label) => label.textContent === settingsText.profileSettings.locked,
    );
    act(() => locked?.querySelector('input')?.click());
    act(() => button(container, t(settingsText.profileSettings.removeField, { number: 1 })).click());
    act(() => button(container, settingsText.profileSettings.addField).click());
    typeInto(field(container, t(settingsText.profileSettings.fieldName, { number: 1 })), 'Pronouns');
    typeInto(field(container, t(settingsText.profileSettings.fieldValue, { number: 1 })), 'she/her');
    await save(container);

    expect(sent).toEqual([
      {
        name: 'ProfileSettingsUpdateMutation',
        variables: {
          input: {
            displayName: 'Alice Liddell',
            note: 'Birds and bees.',
            locked: true,
            bot: false,
            discoverable: true,
            indexable: true,
            fields: [{ name: 'Pronouns', value: 'she/her' }],
          },
        },
      },
    ]);
    expect(container.querySelector('[role="status"]')?.textContent).toBe(settingsText.profileSettings.saved);
  });

  it('offers no more fields than the server keeps', () => {
    const { container } = renderForm(() => new Promise(() => undefined));
    for (let added = 1; added < MAX_PROFILE_FIELDS; added += 1) {
      act(() => button(container, settingsText.profileSettings.addField).click());
    }
    expect(container.querySelectorAll('.settings__field-row')).toHaveLength(MAX_PROFILE_FIELDS);
    expect(() => button(container, settingsText.profileSettings.addField)).toThrow();
  });

  it('shows a refused display name beside it', async () => {
    const { sent, container } = renderForm(() =>
      Promise.reject(new RookeryError('VALIDATION', 'displayName', 'at most 30 characters')),
    );
    typeInto(field(container, settingsText.profileSettings.displayName), 'A'.repeat(31));
    await save(container);

    expect(sent).toHaveLength(1);
    const displayName = field(container, settingsText.profileSettings.displayName);
    expect(displayName.getAttribute('aria-invalid')).toBe('true');
    const described = (displayName.getAttribute('aria-describedby') ?? '').split(' ');
    const messages = described.map((id) => document.getElementById(id)?.textContent);
    expect(messages).toContain('at most 30 characters');
    expect(field(container, settingsText.profileSettings.note).getAttribute('aria-invalid')).toBe('false');
    expect(container.querySelector('[role="status"]')).toBeNull();
    expect(button(container, settingsText.profileSettings.save).disabled).toBe(false);
  });

  it('shows any other failure above the button', async () => {
    const { container } = renderForm(() => Promise.reject(new RookeryError('RATE_LIMITED')));
    await save(container);
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(en.errors.RATE_LIMITED);
  });

  it('sends a chosen avatar as an upload in the avatar’s place, and shows the new one', async () => {
    const { sent, container } = renderForm(() =>
      Promise.resolve({
        data: {
          updateProfile: {
            account: {
              ...viewer,
              note: '<p>Birds.</p>',
              avatarUrl: '/media/avatar.png',
              fields: [{ name: 'Website', value: 'https://alice.example', valueHtml: 'x', verifiedAt: null }],
            },
          },
        },
      }),
    );
    expect(container.querySelector(`img[alt="${settingsText.profileSettings.currentAvatar}"]`)).toBeNull();
    const picture = new File(['png'], 'me.png', { type: 'image/png' });
    const input = field(container, settingsText.profileSettings.avatar) as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [picture], configurable: true });
    act(() => input.dispatchEvent(new Event('change', { bubbles: true })));
    expect(container.textContent).toContain(t(settingsText.profileSettings.chosen, { name: 'me.png' }));
    await save(container);

    expect(sent).toHaveLength(1);
    expect((sent[0]?.variables.input as Record<string, unknown>).avatar).toBe(picture);
    expect('header' in (sent[0]?.variables.input as Record<string, unknown>)).toBe(false);
    expect(container.querySelector(`img[alt="${settingsText.profileSettings.currentAvatar}"]`)?.getAttribute('src')).toBe(
      '/media/avatar.png',
    );
    expect(container.textContent).not.toContain(t(settingsText.profileSettings.chosen, { name: 'me.png' }));
  });
});

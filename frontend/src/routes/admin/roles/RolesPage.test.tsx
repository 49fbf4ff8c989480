// Roles: ranked highest first, their colours shown only when well formed, a refusal placed by
// the field the server names, and the form's fields sent as RoleInput takes them.
import { act } from 'react';
import { Environment, Network, RecordSource, Store } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { adminSettingsText, permissions } from '../../../i18n/adminSettingsText';
import { RookeryError } from '../../../relay/errors';
import { render, typeInto, type Rendered } from '../../../testing/render';
import { RoleForm, byRank, knownPermissions, roleErrorPlace, roleFailure, roleInput, swatchColour, type RoleFields } from './RolesPage';

let rendered: Rendered | undefined;

afterEach(() => rendered?.unmount());

const text = adminSettingsText.roles;

describe('role rules', () => {
  it('ranks roles highest first, then by name', () => {
    const roles = [
      { name: 'user', position: 0 },
      { name: 'owner', position: 100 },
      { name: 'helpers', position: 5 },
      { name: 'artists', position: 5 },
    ];
    expect(byRank(roles).map((role) => role.name)).toEqual(['owner', 'artists', 'helpers', 'user']);
  });

  it('shows only colours of the form #rrggbb', () => {
    expect(swatchColour('#A1B2C3')).toBe('#a1b2c3');
    expect(swatchColour(null)).toBeNull();
    expect(swatchColour('red')).toBeNull();
    expect(swatchColour('#abc')).toBeNull();
    expect(swatchColour('#a1b2c3;background:url(x)')).toBeNull();
  });

  it('places a refusal beside the field the server names', () => {
    expect(roleErrorPlace('name')).toBe('name');
    expect(roleErrorPlace('role.position')).toBe('position');
    expect(roleErrorPlace('permissions')).toBe('permissions');
    expect(roleErrorPlace('colour')).toBe('colour');
    expect(roleErrorPlace('roleId')).toBe('form');
    expect(roleErrorPlace(undefined)).toBe('form');
    expect(roleFailure(new RookeryError('FORBIDDEN'))).toEqual({ place: 'form', message: text.forbidden });
    expect(roleFailure(new RookeryError('VALIDATION', 'name', 'name: 1 to 40 characters'))).toEqual({
      place: 'name',
      message: 'name: 1 to 40 characters',
    });
  });

  it('sends the name trimmed and the permissions it knows, in order', () => {
    expect(
      roleInput({ name: ' Helpers ', colour: '#00FF00', position: 3, permissions: ['VIEW_AUDIT_LOG', 'MANAGE_REPORTS'] }),
    ).toEqual({ name: 'Helpers', colour: '#00ff00', position: 3, permissions: ['MANAGE_REPORTS', 'VIEW_AUDIT_LOG'] });
    expect(knownPermissions(['SOMETHING_NEW', 'MANAGE_ROLES'])).toEqual(['MANAGE_ROLES']);
  });
});

describe('RoleForm', () => {
  function renderForm(error: { place: 'name' | 'form'; message: string } | null, sent: RoleFields[]) {
    const environment = new Environment({
      network: Network.create(() => Promise.reject(new Error('no network'))),
      store: new Store(new RecordSource()),
    });
    rendered = render(
      environment,
      <RoleForm defaultPosition={2} busy={false} error={error} onSubmit={(fields) => sent.push(fields)} onCancel={() => undefined} />,
    );
    return rendered.container;
  }

  it('offers every permission by its label and sends what is chosen', () => {
    const sent: RoleFields[] = [];
    const container = renderForm(null, sent);
    const boxes = [...container.querySelectorAll('fieldset label')];
    expect(boxes.map((label) => label.textContent)).toEqual(permissions.map((permission) => adminSettingsText.permissions[permission]));
    // The name field takes the focus when the form opens.
    const name = container.querySelector<HTMLInputElement>('input:not([type])');
    expect(document.activeElement).toBe(name);
    typeInto(name as HTMLInputElement, 'Helpers');
    const reports = boxes.find((label) => label.textContent === adminSettingsText.permissions.MANAGE_REPORTS);
    act(() => reports?.querySelector('input')?.click());
    act(() => container.querySelector<HTMLButtonElement>('button[type="submit"]')?.click());
    expect(sent).toEqual([{ name: 'Helpers', colour: null, position: 2, permissions: ['MANAGE_REPORTS'] }]);
  });

  it('shows a refusal of the name beside the name', () => {
    const container = renderForm({ place: 'name', message: 'That name is taken.' }, []);
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('That name is taken.');
    const name = container.querySelector<HTMLInputElement>('input:not([type])');
    expect(name?.getAttribute('aria-invalid')).toBe('true');
    expect(name?.getAttribute('aria-describedby')).toContain(alert?.id);
    expect(name?.parentElement?.contains(alert as Node)).toBe(true);
  });
});

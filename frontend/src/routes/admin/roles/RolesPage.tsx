// The roles, highest first: each with its colour, position and how many permissions it gives.
// An administrator makes new ones, and changes or deletes those not built in.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { graphql, useFragment, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { useAnnounce } from '../../../components/Announcer';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { adminSettingsText, permissions, type Permission } from '../../../i18n/adminSettingsText';
import { t } from '../../../i18n/en';
import { appendToRoot, removeFromRoot } from '../../../lib/rootList';
import { messageOf, rookeryErrorOf } from '../../../relay/errors';
import type { RolesPageQuery } from './__generated__/RolesPageQuery.graphql';
import type { RolesPage_role$data, RolesPage_role$key } from './__generated__/RolesPage_role.graphql';
import type { RolesPageCreateMutation } from './__generated__/RolesPageCreateMutation.graphql';
import type { RolesPageUpdateMutation } from './__generated__/RolesPageUpdateMutation.graphql';
import type { RolesPageDeleteMutation } from './__generated__/RolesPageDeleteMutation.graphql';
import { fieldErrors } from '../fieldErrors';

const pageQuery = graphql`
  query RolesPageQuery {
    roles {
      id
      name
      position
      ...RolesPage_role
    }
  }
`;

const roleFragment = graphql`
  fragment RolesPage_role on Role {
    id
    name
    colour
    position
    permissions
    builtIn
  }
`;

const createMutation = graphql`
  mutation RolesPageCreateMutation($input: CreateRoleInput!) {
    createRole(input: $input) {
      role {
        id
        name
        position
        ...RolesPage_role
      }
    }
  }
`;

const updateMutation = graphql`
  mutation RolesPageUpdateMutation($input: UpdateRoleInput!) {
    updateRole(input: $input) {
      role {
        id
        name
        position
        ...RolesPage_role
      }
    }
  }
`;

const deleteMutation = graphql`
  mutation RolesPageDeleteMutation($input: DeleteRoleInput!) {
    deleteRole(input: $input) {
      deletedRoleId
    }
  }
`;

const text = adminSettingsText.roles;

/** The form's fields, as `RoleInput` takes them. */
export interface RoleFields {
  name: string;
  colour: string | null;
  position: number;
  permissions: Permission[];
}

/** The inputs the server may name in `extensions.field`; anything else is the form's. */
export type RoleErrorPlace = 'name' | 'colour' | 'position' | 'permissions' | 'form';

/** Where a refusal shows: beside the input the server named (`role.name` and `name` alike), else above the buttons. */
export function roleErrorPlace(field: string | undefined): RoleErrorPlace {
  const last = field?.split('.').pop();
  return last === 'name' || last === 'colour' || last === 'position' || last === 'permissions' ? last : 'form';
}

/** A colour as a swatch may show it: `#rrggbb` in lower case, or null for none or anything else. */
export function swatchColour(colour: string | null | undefined): string | null {
  return colour !== null && colour !== undefined && /^#[0-9a-f]{6}$/i.test(colour) ? colour.toLowerCase() : null;
}

/** Roles highest first, those at one position by name. */
export function byRank<T extends { position: number; name: string }>(roles: readonly T[]): T[] {
  return [...roles].sort((a, b) => b.position - a.position || a.name.localeCompare(b.name));
}

/** The permissions a role holds that this client knows, in the form's order. */
export function knownPermissions(held: readonly string[]): Permission[] {
  return permissions.filter((permission) => held.includes(permission));
}

/** What is sent for the form's fields: the name trimmed, permissions in the form's order. */
export function roleInput(fields: RoleFields): RoleFields {
  return {
    name: fields.name.trim(),
    colour: swatchColour(fields.colour),
    position: fields.position,
    permissions: knownPermissions(fields.permissions),
  };
}

function Swatch({ colour }: { colour: string | null | undefined }) {
  const shown = swatchColour(colour);
  const label = shown === null ? text.noColour : t(text.colourOf, { colour: shown });
  // An SVG fill, not a style attribute: the content security policy allows no inline styles.
  return (
    <svg className="role-swatch" viewBox="0 0 16 16" width="16" height="16" role="img" aria-label={label}>
      <title>{label}</title>
      {shown === null ? (
        <circle cx="8" cy="8" r="7" className="role-swatch__none" />
      ) : (
        <circle cx="8" cy="8" r="7" fill={shown} className="role-swatch__colour" />
      )}
    </svg>
  );
}

/** The form for a new role (no `role`) or for changing one; exported for its tests. */
export function RoleForm({
  role,
  defaultPosition,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  role?: Pick<RolesPage_role$data, 'name' | 'colour' | 'position' | 'permissions'>;
  defaultPosition: number;
  busy: boolean;
  error: { place: RoleErrorPlace; message: string } | null;
  onSubmit: (fields: RoleFields) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(role?.name ?? '');
  const [hasColour, setHasColour] = useState(swatchColour(role?.colour) !== null);
  const [colour, setColour] = useState(swatchColour(role?.colour) ?? '#3b82f6');
  const [position, setPosition] = useState(String(role?.position ?? defaultPosition));
  const [chosen, setChosen] = useState<Permission[]>(() => knownPermissions(role?.permissions ?? []));
  const nameField = useRef<HTMLInputElement>(null);
  const baseId = useId();
  const id = (field: string) => `${baseId}-${field}`;
  // The form opens where its button was: the first field takes the focus.
  useEffect(() => nameField.current?.focus(), []);
  const { errorFor, describedBy, fieldError } = fieldErrors(error, id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(
      roleInput({
        name,
        colour: hasColour ? colour : null,
        position: Number.parseInt(position, 10) || 0,
        permissions: chosen,
      }),
    );
  };

  return (
    <form
      className="form role-form"
      onSubmit={submit}
      noValidate
      aria-label={role === undefined ? text.createTitle : t(text.editTitle, { name: role.name })}
    >
      <div className="field">
        <label htmlFor={id('name')}>{text.name}</label>
        <input
          id={id('name')}
          ref={nameField}
          className="input"
          required
          value={name}
          aria-invalid={errorFor('name') !== null}
          aria-describedby={describedBy('name', 'name-hint')}
          onChange={(event) => setName(event.target.value)}
        />
        <p id={id('name-hint')} className="hint">
          {text.nameHint}
        </p>
        {fieldError('name')}
      </div>
      <div className="settings__option">
        <label className="checkbox">
          <input type="checkbox" checked={hasColour} onChange={(event) => setHasColour(event.target.checked)} />
          {text.hasColour}
        </label>
      </div>
      {(hasColour || errorFor('colour') !== null) && (
        <div className="field">
          {hasColour && (
            <>
              <label htmlFor={id('colour')}>{text.colour}</label>
              <input
                id={id('colour')}
                className="role-form__colour"
                type="color"
                value={colour}
                aria-invalid={errorFor('colour') !== null}
                aria-describedby={describedBy('colour')}
                onChange={(event) => setColour(event.target.value)}
              />
            </>
          )}
          {fieldError('colour')}
        </div>
      )}
      <div className="field">
        <label htmlFor={id('position')}>{text.positionLabel}</label>
        <input
          id={id('position')}
          className="input admin-settings__number"
          type="number"
          inputMode="numeric"
          step={1}
          required
          value={position}
          aria-invalid={errorFor('position') !== null}
          aria-describedby={describedBy('position', 'position-hint')}
          onChange={(event) => setPosition(event.target.value)}
        />
        <p id={id('position-hint')} className="hint">
          {text.positionHint}
        </p>
        {fieldError('position')}
      </div>
      <fieldset className="settings__group role-form__permissions" aria-describedby={describedBy('permissions')}>
        <legend>{text.permissions}</legend>
        {permissions.map((permission) => (
          <label key={permission} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(permission)}
              onChange={(event) =>
                setChosen((current) =>
                  knownPermissions(
                    event.target.checked ? [...current, permission] : current.filter((item) => item !== permission),
                  ),
                )
              }
            />
            {adminSettingsText.permissions[permission]}
          </label>
        ))}
        {fieldError('permissions')}
      </fieldset>
      <FormError message={errorFor('form')} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? text.saving : text.save}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {text.cancel}
        </button>
      </div>
    </form>
  );
}

type Failure = { place: RoleErrorPlace; message: string };

/** A refusal, placed by the field the server named, in this page's words for FORBIDDEN. */
export function roleFailure(error: unknown): Failure {
  const known = rookeryErrorOf(error);
  return { place: roleErrorPlace(known.field), message: messageOf(known, { FORBIDDEN: text.forbidden }) };
}

function RoleItem({
  role: key,
  editing,
  onEdit,
  onDone,
  onDeleted,
  onDeleteFailed,
}: {
  role: RolesPage_role$key;
  editing: boolean;
  onEdit: () => void;
  onDone: () => void;
  onDeleted: (name: string) => void;
  onDeleteFailed: (message: string) => void;
}) {
  const role = useFragment(roleFragment, key);
  const [update, updating] = useMutation<RolesPageUpdateMutation>(updateMutation);
  const [destroy, destroying] = useMutation<RolesPageDeleteMutation>(deleteMutation);
  const [failure, setFailure] = useState<Failure | null>(null);
  const announce = useAnnounce();
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  // Back where it was when the form closes.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const held = knownPermissions(role.permissions);
  const count = role.permissions.length;
  return (
    <li className="setting-item role">
      <div className="setting-item__head">
        <span className="role__name">
          <Swatch colour={role.colour} />
          <span className="setting-item__title">{role.name}</span>
          {role.builtIn && <span className="badge">{text.builtIn}</span>}
        </span>
        {!role.builtIn && !editing && (
          <span className="actions">
            <button
              type="button"
              ref={editButton}
              className="button button--small"
              aria-label={t(text.editRole, { name: role.name })}
              onClick={onEdit}
            >
              {text.edit}
            </button>
            <ConfirmButton
              label={text.delete}
              question={t(text.deleteQuestion, { name: role.name })}
              confirmLabel={t(text.deleteConfirm, { name: role.name })}
              busy={destroying}
              onConfirm={() =>
                destroy({
                  variables: { input: { roleId: role.id } },
                  updater: (store) => removeFromRoot(store, 'roles', role.id),
                  onCompleted: () => onDeleted(role.name),
                  onError: (error) => onDeleteFailed(messageOf(error, { FORBIDDEN: text.forbidden })),
                })
              }
            />
          </span>
        )}
      </div>
      <p className="hint">
        {t(text.position, { position: role.position })} · {t(text.permissionCount, { count })}
      </p>
      {held.length > 0 && !editing && (
        <details className="setting-item__details">
          <summary>{text.permissions}</summary>
          <ul className="role__permissions">
            {held.map((permission) => (
              <li key={permission}>{adminSettingsText.permissions[permission]}</li>
            ))}
          </ul>
        </details>
      )}
      {editing && (
        <RoleForm
          role={role}
          defaultPosition={role.position}
          busy={updating}
          error={failure}
          onCancel={() => {
            setFailure(null);
            onDone();
          }}
          onSubmit={(fields) => {
            setFailure(null);
            update({
              variables: { input: { roleId: role.id, role: fields } },
              onCompleted: (response) => {
                announce(t(text.saved, { name: response.updateRole.role.name }));
                onDone();
              },
              onError: (error) => setFailure(roleFailure(error)),
            });
          }}
        />
      )}
    </li>
  );
}

function CreateRole({ defaultPosition, onClose }: { defaultPosition: number; onClose: () => void }) {
  const [create, creating] = useMutation<RolesPageCreateMutation>(createMutation);
  const [failure, setFailure] = useState<Failure | null>(null);
  const announce = useAnnounce();
  return (
    <section className="setting-item" aria-label={text.createTitle}>
      <h2 className="section-heading">{text.createTitle}</h2>
      <RoleForm
        defaultPosition={defaultPosition}
        busy={creating}
        error={failure}
        onCancel={onClose}
        onSubmit={(fields) => {
          setFailure(null);
          create({
            variables: { input: { role: fields } },
            updater: (store) => appendToRoot(store, 'roles', store.getRootField('createRole')?.getLinkedRecord('role')),
            onCompleted: (response) => {
              announce(t(text.created, { name: response.createRole.role.name }));
              onClose();
            },
            onError: (error) => setFailure(roleFailure(error)),
          });
        }}
      />
    </section>
  );
}

export default function RolesPage() {
  const data = useLazyLoadQuery<RolesPageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const announce = useAnnounce();
  const createButton = useRef<HTMLButtonElement>(null);
  const wasCreating = useRef(false);
  useEffect(() => {
    if (wasCreating.current && editing !== 'new') createButton.current?.focus();
    wasCreating.current = editing === 'new';
  }, [editing]);
  const roles = byRank(data.roles);
  // New roles start just above the lowest, the role everyone holds.
  const lowest = roles.length === 0 ? 0 : Math.min(...roles.map((role) => role.position));
  return (
    <div className="panel">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      <p className="hint">{text.builtInHint}</p>
      {editing === 'new' ? (
        <CreateRole defaultPosition={lowest + 1} onClose={() => setEditing(null)} />
      ) : (
        <button type="button" ref={createButton} className="button button--primary settings__add" onClick={() => setEditing('new')}>
          {text.create}
        </button>
      )}
      <FormError message={error} />
      {roles.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <ul className="setting-items" aria-label={text.list}>
          {roles.map((role) => (
            <RoleItem
              key={role.id}
              role={role}
              editing={editing === role.id}
              onEdit={() => {
                setError(null);
                setEditing(role.id);
              }}
              onDone={() => setEditing(null)}
              onDeleted={(name) => {
                announce(t(text.deleted, { name }));
                // Its row is gone: the focus goes to the button that makes another.
                createButton.current?.focus();
              }}
              onDeleteFailed={setError}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

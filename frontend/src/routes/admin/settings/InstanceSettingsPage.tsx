// The server's own settings: its name, its descriptions, who to contact, its language, who can
// sign up (and whether new accounts confirm their email address) and how long a post may be; saved together (all or, when one is refused, none), a
// refusal shown by its field. The server's picture, below, is saved on its own.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { adminSettingsText } from '../../../i18n/adminSettingsText';
import { t } from '../../../i18n/en';
import { rookeryErrorOf } from '../../../relay/errors';
import type { InstanceSettingsPageQuery, RegistrationMode } from './__generated__/InstanceSettingsPageQuery.graphql';
import type { InstanceSettingsPageSaveMutation } from './__generated__/InstanceSettingsPageSaveMutation.graphql';
import { fieldErrors } from '../fieldErrors';
import { ThumbnailField } from './ThumbnailField';

const pageQuery = graphql`
  query InstanceSettingsPageQuery {
    instance {
      name
      description
      registrationMode
      maxStatusChars
      longDescription
      contactEmail
      contactAccount {
        id
        username
        acct
      }
      defaultLocale
      ipRetentionDays
      requireEmailConfirmation
      requireStaffTwoFactor
      ...ThumbnailField_instance
    }
  }
`;

const saveMutation = graphql`
  mutation InstanceSettingsPageSaveMutation($input: UpdateInstanceInput!) {
    updateInstance(input: $input) {
      instance {
        name
        description
        registrationMode
        maxStatusChars
        longDescription
        contactEmail
        contactAccount {
          id
          username
          acct
        }
        defaultLocale
        ipRetentionDays
        requireEmailConfirmation
        requireStaffTwoFactor
      }
    }
  }
`;

const text = adminSettingsText.instanceSettings;
const modes = ['OPEN', 'APPROVAL', 'CLOSED'] as const;
type Mode = (typeof modes)[number];

const places = [
  'name',
  'description',
  'longDescription',
  'contactEmail',
  'contactUsername',
  'defaultLocale',
  'registrationMode',
  'maxStatusChars',
  'ipRetentionDays',
  'requireEmailConfirmation',
  'requireStaffTwoFactor',
] as const;

/** The inputs the server may name in `extensions.field`; anything else is the form's. */
export type SettingsErrorPlace = (typeof places)[number] | 'form';

export function settingsErrorPlace(field: string | undefined): SettingsErrorPlace {
  if (field === 'contactAccount') return 'contactUsername';
  return places.find((place) => place === field) ?? 'form';
}

/** The username typed for the contact account, without spaces or a leading `@`. */
export function contactUsernameOf(value: string): string {
  return value.trim().replace(/^@/, '');
}

/** The status length typed, as a whole number; null when it is none. */
export function parseLength(value: string): number | null {
  const trimmed = value.trim().replace(/[,\s]/g, '');
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

function modeOf(mode: RegistrationMode): Mode {
  return mode === 'APPROVAL' || mode === 'CLOSED' ? mode : 'OPEN';
}

interface Settings {
  name: string;
  description: string;
  registrationMode: RegistrationMode;
  maxStatusChars: number;
  longDescription: string;
  contactEmail: string;
  contactAccount?: { username: string; acct: string } | null;
  defaultLocale: string;
  ipRetentionDays: number;
  requireEmailConfirmation: boolean;
  requireStaffTwoFactor: boolean;
}

/** The form, filled with the settings as they are; exported for its tests. */
export function SettingsForm({ settings }: { settings: Settings }) {
  const [name, setName] = useState(settings.name);
  const [description, setDescription] = useState(settings.description);
  const [mode, setMode] = useState<Mode>(modeOf(settings.registrationMode));
  const [length, setLength] = useState(String(settings.maxStatusChars));
  const [longDescription, setLongDescription] = useState(settings.longDescription);
  const [contactEmail, setContactEmail] = useState(settings.contactEmail);
  const [contactUsername, setContactUsername] = useState(settings.contactAccount?.username ?? '');
  const [contact, setContact] = useState(settings.contactAccount?.acct ?? null);
  const [locale, setLocale] = useState(settings.defaultLocale);
  const [retention, setRetention] = useState(String(settings.ipRetentionDays));
  const [requireConfirmation, setRequireConfirmation] = useState(settings.requireEmailConfirmation);
  const [requireStaffTwoFactor, setRequireStaffTwoFactor] = useState(settings.requireStaffTwoFactor);
  const [failure, setFailure] = useState<{ place: SettingsErrorPlace; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const [commit, busy] = useMutation<InstanceSettingsPageSaveMutation>(saveMutation);
  const baseId = useId();
  const id = (field: string) => `${baseId}-${field}`;
  const { errorFor, describedBy, fieldError } = fieldErrors(failure, id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setSaved(false);
    const maxStatusChars = parseLength(length);
    if (maxStatusChars === null) {
      setFailure({ place: 'maxStatusChars', message: text.maxStatusCharsInvalid });
      return;
    }
    const ipRetentionDays = parseLength(retention);
    if (ipRetentionDays === null) {
      setFailure({ place: 'ipRetentionDays', message: text.ipRetentionDaysInvalid });
      return;
    }
    commit({
      variables: {
        input: {
          name,
          description,
          longDescription,
          contactEmail: contactEmail.trim(),
          contactUsername: contactUsernameOf(contactUsername),
          defaultLocale: locale.trim(),
          registrationMode: mode,
          maxStatusChars,
          ipRetentionDays,
          requireEmailConfirmation: requireConfirmation,
          requireStaffTwoFactor,
        },
      },
      updater: (store) => {
        // The instance has no id: what the payload says is copied onto the one the pages read.
        const changed = store.getRootField('updateInstance')?.getLinkedRecord('instance');
        const instance = store.getRoot().getLinkedRecord('instance');
        if (changed === null || changed === undefined || instance === null || instance === undefined) return;
        for (const field of [
          'name',
          'description',
          'registrationMode',
          'maxStatusChars',
          'longDescription',
          'contactEmail',
          'defaultLocale',
          'ipRetentionDays',
          'requireEmailConfirmation',
          'requireStaffTwoFactor',
        ]) {
          instance.setValue(changed.getValue(field), field);
        }
        const account = changed.getLinkedRecord('contactAccount');
        if (account === null || account === undefined) instance.setValue(null, 'contactAccount');
        else instance.setLinkedRecord(account, 'contactAccount');
      },
      onCompleted: (response) => {
        const now = response.updateInstance.instance;
        setName(now.name);
        setDescription(now.description);
        setMode(modeOf(now.registrationMode));
        setLength(String(now.maxStatusChars));
        setLongDescription(now.longDescription);
        setContactEmail(now.contactEmail);
        setContactUsername(now.contactAccount?.username ?? '');
        setContact(now.contactAccount?.acct ?? null);
        setLocale(now.defaultLocale);
        setRetention(String(now.ipRetentionDays));
        setRequireConfirmation(now.requireEmailConfirmation);
        setRequireStaffTwoFactor(now.requireStaffTwoFactor);
        setSaved(true);
      },
      onError: (error) => {
        const known = rookeryErrorOf(error);
        setFailure({ place: settingsErrorPlace(known.field), message: known.message });
      },
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id('name')}>{text.name}</label>
        <input
          id={id('name')}
          className="input"
          name="name"
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
      <div className="field">
        <label htmlFor={id('description')}>{text.description}</label>
        <textarea
          id={id('description')}
          className="input"
          name="description"
          rows={4}
          value={description}
          aria-invalid={errorFor('description') !== null}
          aria-describedby={describedBy('description', 'description-hint')}
          onChange={(event) => setDescription(event.target.value)}
        />
        <p id={id('description-hint')} className="hint">
          {text.descriptionHint}
        </p>
        {fieldError('description')}
      </div>
      <div className="field">
        <label htmlFor={id('longDescription')}>{text.longDescription}</label>
        <textarea
          id={id('longDescription')}
          className="input"
          name="longDescription"
          rows={8}
          value={longDescription}
          aria-invalid={errorFor('longDescription') !== null}
          aria-describedby={describedBy('longDescription', 'longDescription-hint')}
          onChange={(event) => setLongDescription(event.target.value)}
        />
        <p id={id('longDescription-hint')} className="hint">
          {text.longDescriptionHint}
        </p>
        {fieldError('longDescription')}
      </div>
      <div className="field">
        <label htmlFor={id('contactEmail')}>{text.contactEmail}</label>
        <input
          id={id('contactEmail')}
          className="input"
          name="contactEmail"
          type="email"
          autoComplete="email"
          value={contactEmail}
          aria-invalid={errorFor('contactEmail') !== null}
          aria-describedby={describedBy('contactEmail', 'contactEmail-hint')}
          onChange={(event) => setContactEmail(event.target.value)}
        />
        <p id={id('contactEmail-hint')} className="hint">
          {text.contactEmailHint}
        </p>
        {fieldError('contactEmail')}
      </div>
      <div className="field">
        <label htmlFor={id('contactUsername')}>{text.contactUsername}</label>
        <input
          id={id('contactUsername')}
          className="input"
          name="contactUsername"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={contactUsername}
          aria-invalid={errorFor('contactUsername') !== null}
          aria-describedby={describedBy('contactUsername', 'contactUsername-hint')}
          onChange={(event) => setContactUsername(event.target.value)}
        />
        <p id={id('contactUsername-hint')} className="hint">
          {contact === null ? text.contactNone : t(text.contactNow, { handle: `@${contact}` })} {text.contactUsernameHint}
        </p>
        {fieldError('contactUsername')}
      </div>
      <div className="field">
        <label htmlFor={id('defaultLocale')}>{text.defaultLocale}</label>
        <input
          id={id('defaultLocale')}
          className="input admin-settings__short"
          name="defaultLocale"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={locale}
          aria-invalid={errorFor('defaultLocale') !== null}
          aria-describedby={describedBy('defaultLocale', 'defaultLocale-hint')}
          onChange={(event) => setLocale(event.target.value)}
        />
        <p id={id('defaultLocale-hint')} className="hint">
          {text.defaultLocaleHint}
        </p>
        {fieldError('defaultLocale')}
      </div>
      <fieldset className="choices" aria-describedby={describedBy('registrationMode')}>
        <legend>{text.registrationMode}</legend>
        {modes.map((choice) => (
          <label key={choice} className="choice">
            <input
              type="radio"
              name={id('mode')}
              value={choice}
              checked={mode === choice}
              onChange={() => setMode(choice)}
            />
            <span>
              <span className="choice__name">{text[choice]}</span>
              <span className="hint">{text[`${choice}_description`]}</span>
            </span>
          </label>
        ))}
        {fieldError('registrationMode')}
      </fieldset>
      <div className="settings__option">
        <label className="checkbox">
          <input
            type="checkbox"
            name="requireEmailConfirmation"
            checked={requireConfirmation}
            aria-invalid={errorFor('requireEmailConfirmation') !== null}
            aria-describedby={describedBy('requireEmailConfirmation', 'requireEmailConfirmation-hint')}
            onChange={(event) => setRequireConfirmation(event.target.checked)}
          />
          {text.requireEmailConfirmation}
        </label>
        <p id={id('requireEmailConfirmation-hint')} className="hint">
          {text.requireEmailConfirmationHint}
        </p>
        {fieldError('requireEmailConfirmation')}
      </div>
      <div className="settings__option">
        <label className="checkbox">
          <input
            type="checkbox"
            name="requireStaffTwoFactor"
            checked={requireStaffTwoFactor}
            aria-invalid={errorFor('requireStaffTwoFactor') !== null}
            aria-describedby={describedBy('requireStaffTwoFactor', 'requireStaffTwoFactor-hint')}
            onChange={(event) => setRequireStaffTwoFactor(event.target.checked)}
          />
          {text.requireStaffTwoFactor}
        </label>
        <p id={id('requireStaffTwoFactor-hint')} className="hint">
          {text.requireStaffTwoFactorHint}
        </p>
        {fieldError('requireStaffTwoFactor')}
      </div>
      <div className="field">
        <label htmlFor={id('maxStatusChars')}>{text.maxStatusChars}</label>
        <input
          id={id('maxStatusChars')}
          className="input admin-settings__number"
          name="maxStatusChars"
          type="number"
          inputMode="numeric"
          min={100}
          max={100000}
          step={1}
          required
          value={length}
          aria-invalid={errorFor('maxStatusChars') !== null}
          aria-describedby={describedBy('maxStatusChars', 'maxStatusChars-hint')}
          onChange={(event) => setLength(event.target.value)}
        />
        <p id={id('maxStatusChars-hint')} className="hint">
          {text.maxStatusCharsHint}
        </p>
        {fieldError('maxStatusChars')}
      </div>
      <div className="field">
        <label htmlFor={id('ipRetentionDays')}>{text.ipRetentionDays}</label>
        <input
          id={id('ipRetentionDays')}
          className="input admin-settings__number"
          name="ipRetentionDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          step={1}
          required
          value={retention}
          aria-invalid={errorFor('ipRetentionDays') !== null}
          aria-describedby={describedBy('ipRetentionDays', 'ipRetentionDays-hint')}
          onChange={(event) => setRetention(event.target.value)}
        />
        <p id={id('ipRetentionDays-hint')} className="hint">
          {text.ipRetentionDaysHint}
        </p>
        {fieldError('ipRetentionDays')}
      </div>
      <FormError message={errorFor('form')} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? text.saving : text.save}
        </button>
        {saved && (
          <p className="form-success" role="status">
            {text.saved}
          </p>
        )}
      </div>
    </form>
  );
}

export default function InstanceSettingsPage() {
  // From the server, not the store: the form starts from the settings as they are now.
  const data = useLazyLoadQuery<InstanceSettingsPageQuery>(pageQuery, {}, { fetchPolicy: 'network-only' });
  return (
    <div className="panel">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      <SettingsForm settings={data.instance} />
      <ThumbnailField instance={data.instance} />
    </div>
  );
}

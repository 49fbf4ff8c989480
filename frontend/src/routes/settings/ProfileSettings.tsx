// Editing the viewer's profile: avatar and header pictures, display name, bio, profile fields
// and account options, saved with updateProfile (pictures as a multipart upload); a refused
// input is explained beside it.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useFragment, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { rookeryErrorOf } from '../../relay/errors';
import type { ProfileSettingsQuery } from './__generated__/ProfileSettingsQuery.graphql';
import type { ProfileSettings_account$key } from './__generated__/ProfileSettings_account.graphql';
import type { ProfileSettingsUpdateMutation } from './__generated__/ProfileSettingsUpdateMutation.graphql';

/** The most profile fields an account may have (`UpdateProfileInput.fields`). */
export const MAX_PROFILE_FIELDS = 4;

const pageQuery = graphql`
  query ProfileSettingsQuery {
    viewer {
      ...ProfileSettings_account
    }
  }
`;

const accountFragment = graphql`
  fragment ProfileSettings_account on Account {
    id
    displayName
    noteSource
    avatarUrl
    headerUrl
    locked
    bot
    discoverable
    indexable
    fields {
      name
      value
    }
  }
`;

const updateMutation = graphql`
  mutation ProfileSettingsUpdateMutation($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      account {
        id
        displayName
        note
        avatarUrl
        headerUrl
        fields {
          name
          value
          valueHtml
          verifiedAt
        }
        ...ProfileSettings_account
      }
    }
  }
`;

/** The inputs the server names in `extensions.field` that this form shows. */
type ErrorPlace = 'avatar' | 'header' | 'displayName' | 'note' | 'fields' | 'form';

interface Failure {
  place: ErrorPlace;
  message: string;
}

function placeOf(field: string | undefined): ErrorPlace {
  return field === 'avatar' || field === 'header' || field === 'displayName' || field === 'note' || field === 'fields'
    ? field
    : 'form';
}

interface FieldRow {
  key: number;
  name: string;
  value: string;
}

type Option = 'locked' | 'bot' | 'discoverable' | 'indexable';

const options: Option[] = ['locked', 'bot', 'discoverable', 'indexable'];

type Picture = 'avatar' | 'header';

const pictureTypes = 'image/jpeg,image/png,image/webp,image/gif';

const optionHints: Record<Option, string> = {
  locked: settingsText.profileSettings.lockedHint,
  bot: settingsText.profileSettings.botHint,
  discoverable: settingsText.profileSettings.discoverableHint,
  indexable: settingsText.profileSettings.indexableHint,
};

/** The form, filled with the account as it is; exported for its tests. */
export function ProfileForm({ account: key }: { account: ProfileSettings_account$key }) {
  const account = useFragment(accountFragment, key);
  const [displayName, setDisplayName] = useState(account.displayName);
  const [note, setNote] = useState(account.noteSource ?? '');
  const [flags, setFlags] = useState<Record<Option, boolean>>({
    locked: account.locked,
    bot: account.bot,
    discoverable: account.discoverable,
    indexable: account.indexable,
  });
  const [rows, setRows] = useState<FieldRow[]>(() =>
    account.fields.map((field, index) => ({ key: index, name: field.name, value: field.value })),
  );
  const [nextKey, setNextKey] = useState(account.fields.length);
  const [pictures, setPictures] = useState<Partial<Record<Picture, File>>>({});
  // A new file input after each save, so a picture saved is not chosen again.
  const [saves, setSaves] = useState(0);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  const [commit, busy] = useMutation<ProfileSettingsUpdateMutation>(updateMutation);
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;

  const errorFor = (place: ErrorPlace) => (failure?.place === place ? failure.message : null);
  const describedBy = (place: ErrorPlace, hint: string) =>
    failure?.place === place ? `${id(hint)} ${id(`${place}-error`)}` : id(hint);

  const editRow = (key: number, change: Partial<FieldRow>) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  };
  const addRow = () => {
    setRows((current) => [...current, { key: nextKey, name: '', value: '' }]);
    setNextKey(nextKey + 1);
  };
  const removeRow = (key: number) => setRows((current) => current.filter((row) => row.key !== key));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setSaved(false);
    const chosen = (['avatar', 'header'] as const).filter((picture) => pictures[picture] !== undefined);
    commit({
      variables: {
        input: {
          displayName,
          note,
          ...flags,
          fields: rows.map(({ name, value }) => ({ name, value })),
          // Files in the variables go as a GraphQL multipart request.
          ...Object.fromEntries(chosen.map((picture) => [picture, pictures[picture]])),
        },
      },
      onCompleted: () => {
        setSaved(true);
        setPictures({});
        setSaves(saves + 1);
      },
      onError: (error) => {
        const known = rookeryErrorOf(error);
        setFailure({ place: placeOf(known.field), message: known.message });
      },
    });
  };

  const fieldError = errorFor('fields');
  const current: Record<Picture, { url: string | null | undefined; alt: string }> = {
    avatar: { url: account.avatarUrl, alt: settingsText.profileSettings.currentAvatar },
    header: { url: account.headerUrl, alt: settingsText.profileSettings.currentHeader },
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <fieldset className="settings__group">
        <legend>{settingsText.profileSettings.pictures}</legend>
        <p id={id('pictures-hint')} className="hint">
          {settingsText.profileSettings.picturesHint}
        </p>
        <div className="settings__pictures">
          {(['avatar', 'header'] as const).map((picture) => {
            const { url, alt } = current[picture];
            const file = pictures[picture];
            return (
              <div key={picture} className="field">
                <label htmlFor={id(picture)}>{settingsText.profileSettings[picture]}</label>
                {url !== null && url !== undefined && url !== '' && (
                  <img className="settings__picture-preview" src={url} alt={alt} />
                )}
                <input
                  key={saves}
                  id={id(picture)}
                  type="file"
                  accept={pictureTypes}
                  aria-invalid={errorFor(picture) !== null}
                  aria-describedby={describedBy(picture, 'pictures-hint')}
                  onChange={(event) => {
                    const chosen = event.target.files?.[0];
                    setPictures((previous) => ({ ...previous, [picture]: chosen }));
                  }}
                />
                {file !== undefined && <p className="hint">{t(settingsText.profileSettings.chosen, { name: file.name })}</p>}
                {errorFor(picture) !== null && (
                  <p id={id(`${picture}-error`)} className="form-error" role="alert">
                    {errorFor(picture)}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={id('displayName')}>{settingsText.profileSettings.displayName}</label>
        <input
          id={id('displayName')}
          className="input"
          name="displayName"
          autoComplete="nickname"
          value={displayName}
          aria-invalid={errorFor('displayName') !== null}
          aria-describedby={describedBy('displayName', 'displayName-hint')}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <p id={id('displayName-hint')} className="hint">
          {settingsText.profileSettings.displayNameHint}
        </p>
        {errorFor('displayName') !== null && (
          <p id={id('displayName-error')} className="form-error" role="alert">
            {errorFor('displayName')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={id('note')}>{settingsText.profileSettings.note}</label>
        <textarea
          id={id('note')}
          className="input settings__note"
          name="note"
          rows={4}
          value={note}
          aria-invalid={errorFor('note') !== null}
          aria-describedby={describedBy('note', 'note-hint')}
          onChange={(event) => setNote(event.target.value)}
        />
        <p id={id('note-hint')} className="hint">
          {settingsText.profileSettings.noteHint}
        </p>
        {errorFor('note') !== null && (
          <p id={id('note-error')} className="form-error" role="alert">
            {errorFor('note')}
          </p>
        )}
      </div>
      <fieldset className="settings__group" aria-describedby={describedBy('fields', 'fields-hint')}>
        <legend>{settingsText.profileSettings.fieldsLegend}</legend>
        <p id={id('fields-hint')} className="hint">
          {t(settingsText.profileSettings.fieldsHint, { max: MAX_PROFILE_FIELDS })}
        </p>
        {rows.map((row, index) => {
          const number = index + 1;
          return (
            <div key={row.key} className="settings__field-row">
              <div className="field">
                <label htmlFor={id(`field-${row.key}-name`)}>{t(settingsText.profileSettings.fieldName, { number })}</label>
                <input
                  id={id(`field-${row.key}-name`)}
                  className="input"
                  value={row.name}
                  aria-invalid={fieldError !== null}
                  onChange={(event) => editRow(row.key, { name: event.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={id(`field-${row.key}-value`)}>{t(settingsText.profileSettings.fieldValue, { number })}</label>
                <input
                  id={id(`field-${row.key}-value`)}
                  className="input"
                  value={row.value}
                  aria-invalid={fieldError !== null}
                  onChange={(event) => editRow(row.key, { value: event.target.value })}
                />
              </div>
              <button type="button" className="button button--quiet" onClick={() => removeRow(row.key)}>
                {t(settingsText.profileSettings.removeField, { number })}
              </button>
            </div>
          );
        })}
        {rows.length < MAX_PROFILE_FIELDS && (
          <button type="button" className="button button--quiet settings__add" onClick={addRow}>
            {settingsText.profileSettings.addField}
          </button>
        )}
        {fieldError !== null && (
          <p id={id('fields-error')} className="form-error" role="alert">
            {fieldError}
          </p>
        )}
      </fieldset>
      <fieldset className="settings__group">
        <legend>{settingsText.profileSettings.optionsLegend}</legend>
        {options.map((option) => (
          <div key={option} className="settings__option">
            <label className="checkbox">
              <input
                type="checkbox"
                name={option}
                checked={flags[option]}
                aria-describedby={id(`${option}-hint`)}
                onChange={(event) => setFlags({ ...flags, [option]: event.target.checked })}
              />
              {settingsText.profileSettings[option]}
            </label>
            <p id={id(`${option}-hint`)} className="hint">
              {optionHints[option]}
            </p>
          </div>
        ))}
      </fieldset>
      {errorFor('form') !== null && (
        <p className="form-error" role="alert">
          {errorFor('form')}
        </p>
      )}
      {saved && (
        <p className="form-success" role="status">
          {settingsText.profileSettings.saved}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? settingsText.profileSettings.saving : settingsText.profileSettings.save}
      </button>
    </form>
  );
}

export default function ProfileSettings() {
  const data = useLazyLoadQuery<ProfileSettingsQuery>(pageQuery, {}, { fetchPolicy: 'network-only' });
  return (
    <div className="panel">
      <PageHeading title={settingsText.profileSettings.title} />
      {data.viewer !== null && data.viewer !== undefined && <ProfileForm account={data.viewer} />}
    </div>
  );
}

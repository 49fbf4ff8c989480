// The viewer's webhooks: add one for some events (its signing secret shown this once), delete one.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { ConfirmButton } from '../../components/ConfirmButton';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { SecretOnce } from '../../components/SecretOnce';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { appendToRoot, removeFromRoot } from '../../lib/rootList';
import { messageOf } from '../../relay/errors';
import type { WebhooksSettingsQuery } from './__generated__/WebhooksSettingsQuery.graphql';
import type { WebhooksSettingsCreateMutation } from './__generated__/WebhooksSettingsCreateMutation.graphql';
import type { WebhooksSettingsDeleteMutation } from './__generated__/WebhooksSettingsDeleteMutation.graphql';

const pageQuery = graphql`
  query WebhooksSettingsQuery {
    webhooks {
      id
      url
      events
      instanceWide
      enabled
    }
  }
`;

const createMutation = graphql`
  mutation WebhooksSettingsCreateMutation($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      webhook {
        id
        url
        events
        instanceWide
        enabled
      }
      secret
    }
  }
`;

const deleteMutation = graphql`
  mutation WebhooksSettingsDeleteMutation($id: ID!) {
    deleteWebhook(input: { id: $id }) {
      deletedWebhookId
    }
  }
`;

const ownEvents = ['STATUS_CREATED', 'STATUS_UPDATED', 'STATUS_DELETED'] as const;
/** Only an instance-wide webhook is told of these. */
const instanceEvents = ['ACCOUNT_CREATED', 'REPORT_CREATED'] as const;
type Event = (typeof ownEvents)[number] | (typeof instanceEvents)[number];

/** The events a webhook may be told of: the instance's own only when it is instance-wide. */
export function eventsOffered(instanceWide: boolean): readonly Event[] {
  return instanceWide ? [...ownEvents, ...instanceEvents] : ownEvents;
}

function eventName(event: string): string {
  return event in settingsText.webhooks ? settingsText.webhooks[event as Event] : event;
}

function CreateWebhook() {
  const [url, setUrl] = useState('');
  const [instanceWide, setInstanceWide] = useState(false);
  const [events, setEvents] = useState<Event[]>(['STATUS_CREATED']);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [commit, busy] = useMutation<WebhooksSettingsCreateMutation>(createMutation);
  const id = useId();
  const offered = eventsOffered(instanceWide);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    commit({
      variables: { input: { url, events: events.filter((item) => offered.includes(item)), instanceWide } },
      updater: (store) => appendToRoot(store, 'webhooks', store.getRootField('createWebhook')?.getLinkedRecord('webhook')),
      onCompleted: (response) => {
        setCreated({ url: response.createWebhook.webhook.url, secret: response.createWebhook.secret });
        setUrl('');
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  if (created !== null) {
    return <SecretOnce label={t(settingsText.webhooks.secretLabel, { url: created.url })} secret={created.secret} onDone={() => setCreated(null)} />;
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-url`}>{settingsText.webhooks.url}</label>
        <input
          id={`${id}-url`}
          className="input"
          type="url"
          inputMode="url"
          value={url}
          aria-invalid={error !== null}
          aria-describedby={`${id}-url-hint`}
          onChange={(event) => setUrl(event.target.value)}
        />
        <p id={`${id}-url-hint`} className="hint">
          {settingsText.webhooks.urlHint}
        </p>
      </div>
      <div className="settings__option">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={instanceWide}
            aria-describedby={`${id}-wide-hint`}
            onChange={(event) => setInstanceWide(event.target.checked)}
          />
          {settingsText.webhooks.instanceWide}
        </label>
        <p id={`${id}-wide-hint`} className="hint">
          {settingsText.webhooks.instanceWideHint}
        </p>
      </div>
      <fieldset className="settings__group">
        <legend>{settingsText.webhooks.events}</legend>
        {offered.map((item) => (
          <label key={item} className="checkbox">
            <input
              type="checkbox"
              checked={events.includes(item)}
              onChange={(event) =>
                setEvents((current) => (event.target.checked ? [...current, item] : current.filter((other) => other !== item)))
              }
            />
            {eventName(item)}
          </label>
        ))}
      </fieldset>
      <FormError message={error} />
      <button type="submit" className="button button--primary settings__add" disabled={busy}>
        {busy ? settingsText.webhooks.creating : settingsText.webhooks.create}
      </button>
    </form>
  );
}

export default function WebhooksSettings() {
  const data = useLazyLoadQuery<WebhooksSettingsQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  const [destroy, destroying] = useMutation<WebhooksSettingsDeleteMutation>(deleteMutation);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="panel">
      <PageHeading title={settingsText.webhooks.title} />
      <p className="page-description">{settingsText.webhooks.intro}</p>
      <CreateWebhook />
      <FormError message={error} />
      {data.webhooks.length === 0 ? (
        <p>{settingsText.webhooks.empty}</p>
      ) : (
        <ul className="setting-items" aria-label={settingsText.webhooks.mine}>
          {data.webhooks.map((hook) => (
            <li key={hook.id} className="setting-item">
              <div className="setting-item__head">
                <span className="setting-item__title setting-item__url">{hook.url}</span>
                <ConfirmButton
                  label={settingsText.webhooks.delete}
                  question={t(settingsText.webhooks.deleteQuestion, { url: hook.url })}
                  confirmLabel={t(settingsText.webhooks.deleteConfirm, { url: hook.url })}
                  busy={destroying}
                  onConfirm={() => {
                    setError(null);
                    destroy({
                      variables: { id: hook.id },
                      updater: (store) => removeFromRoot(store, 'webhooks', hook.id),
                      onError: (failure) => setError(messageOf(failure)),
                    });
                  }}
                />
              </div>
              <p className="hint">
                {hook.events.map(eventName).join(', ')}
                {hook.instanceWide && <> · {settingsText.webhooks.wholeServer}</>}
                {!hook.enabled && <> · {settingsText.webhooks.disabled}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

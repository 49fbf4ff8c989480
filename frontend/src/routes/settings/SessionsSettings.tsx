// Where the viewer is signed in, this browser marked; ending one of the others, or all of
// them at once.
import { useId, useState } from 'react';
import { graphql, useFragment, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { RelativeTime } from '../../components/RelativeTime';
import { settingsText } from '../../i18n/settingsText';
import { messageOf } from '../../relay/errors';
import { signOut } from '../../relay/session';
import { navigate } from '../../router';
import { useSession } from '../../session';
import type { SessionsSettingsQuery } from './__generated__/SessionsSettingsQuery.graphql';
import type { SessionsSettings_query$key } from './__generated__/SessionsSettings_query.graphql';
import type { SessionsSettingsLogoutMutation } from './__generated__/SessionsSettingsLogoutMutation.graphql';
import type { SessionsSettingsRevokeMutation } from './__generated__/SessionsSettingsRevokeMutation.graphql';

const pageQuery = graphql`
  query SessionsSettingsQuery {
    ...SessionsSettings_query
  }
`;

const listFragment = graphql`
  fragment SessionsSettings_query on Query {
    sessions {
      id
      device
      ip
      createdAt
      lastUsedAt
      current
    }
  }
`;

const logoutMutation = graphql`
  mutation SessionsSettingsLogoutMutation {
    logout(input: { everywhere: true }) {
      revokedTokens
    }
  }
`;

const revokeMutation = graphql`
  mutation SessionsSettingsRevokeMutation($id: ID!) {
    revokeSession(input: { id: $id }) {
      revokedSessionId
    }
  }
`;

/** Ends another session of the viewer's; it leaves the list once the server has ended it. */
function RevokeSession({ id }: { id: string }) {
  const [commit, busy] = useMutation<SessionsSettingsRevokeMutation>(revokeMutation);
  const [error, setError] = useState<string | null>(null);
  const onClick = () => {
    setError(null);
    commit({
      variables: { id },
      updater: (store) => {
        const root = store.getRoot();
        const sessions = root.getLinkedRecords('sessions') ?? [];
        root.setLinkedRecords(
          sessions.filter((session) => session?.getDataID() !== id),
          'sessions',
        );
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };
  return (
    <>
      <button type="button" className="button button--small" disabled={busy} onClick={onClick}>
        {settingsText.sessions.revoke}
      </button>
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** The viewer's sessions, latest used first, the one of this browser marked. */
export function SessionList({ query }: { query: SessionsSettings_query$key }) {
  const data = useFragment(listFragment, query);
  return (
    <ul className="sessions" aria-label={settingsText.sessions.list}>
      {data.sessions.map((session) => (
        <li key={session.id} className={`session${session.current ? ' session--current' : ''}`}>
          <p className="session__device">
            {session.device ?? settingsText.sessions.unknownDevice}
            {session.current && <span className="session__current">{settingsText.sessions.current}</span>}
          </p>
          <dl className="session__times">
            <div>
              <dt>{settingsText.sessions.created}</dt>
              <dd>
                <RelativeTime iso={session.createdAt} />
              </dd>
            </div>
            {session.ip !== null && session.ip !== undefined && (
              <div>
                <dt>{settingsText.sessions.address}</dt>
                <dd>{session.ip}</dd>
              </div>
            )}
            <div>
              <dt>{settingsText.sessions.lastUsed}</dt>
              <dd>
                {session.lastUsedAt === null || session.lastUsedAt === undefined ? (
                  settingsText.sessions.notUsedSince
                ) : (
                  <RelativeTime iso={session.lastUsedAt} />
                )}
              </dd>
            </div>
          </dl>
          {!session.current && <RevokeSession id={session.id} />}
        </li>
      ))}
    </ul>
  );
}

/** Ends every session of the viewer, then this browser's cookie, and opens the sign-in page. */
export function SignOutEverywhere() {
  const { restart } = useSession();
  const [commit] = useMutation<SessionsSettingsLogoutMutation>(logoutMutation);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hint = useId();
  const failed = (failure: unknown) => {
    setError(messageOf(failure));
    setBusy(false);
  };
  const onClick = () => {
    setError(null);
    setBusy(true);
    commit({
      variables: {},
      // Every token is revoked by now, this browser's too; clearing its cookie as signing
      // out does keeps the next requests anonymous.
      onCompleted: () => {
        signOut().then(() => {
          navigate('/sign-in', { replace: true });
          restart();
        }, failed);
      },
      onError: failed,
    });
  };
  return (
    <div className="field">
      <p id={hint} className="hint">
        {settingsText.sessions.signOutEverywhereHint}
      </p>
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        className="button button--danger"
        disabled={busy}
        aria-describedby={hint}
        onClick={onClick}
      >
        {busy ? settingsText.sessions.signingOut : settingsText.sessions.signOutEverywhere}
      </button>
    </div>
  );
}

export default function SessionsSettings() {
  const data = useLazyLoadQuery<SessionsSettingsQuery>(pageQuery, {}, { fetchPolicy: 'network-only' });
  return (
    <div className="panel">
      <PageHeading title={settingsText.sessions.title} />
      <p className="page-description">{settingsText.sessions.intro}</p>
      <SessionList query={data} />
      <SignOutEverywhere />
    </div>
  );
}

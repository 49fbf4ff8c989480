// Invites: links that let people sign up, also while sign-ups are closed. A member creates one
// (how many uses, how long it lasts), copies its link, and revokes those still valid; someone
// who manages invites sees everyone's, with who made each.
import { Suspense, useId, useState, type FormEvent } from 'react';
import { graphql, useFragment, useLazyLoadQuery, useMutation, usePaginationFragment, useRelayEnvironment } from 'react-relay/hooks';
import { ConnectionHandler } from 'relay-runtime';
import { useAnnounce } from '../../../components/Announcer';
import { ConfirmButton } from '../../../components/ConfirmButton';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { adminSignUpsText } from '../../../i18n/adminSignUpsText';
import { en, t } from '../../../i18n/en';
import { absoluteTime } from '../../../lib/time';
import { messageOf } from '../../../relay/errors';
import { Link, profilePath } from '../../../router';
import { ExpirySelect, expiresAt, type Expiry } from '../expiry';
import type { AdminSectionProps } from '../sections';
import type { InvitesPageQuery } from './__generated__/InvitesPageQuery.graphql';
import type { InvitesPage_query$key } from './__generated__/InvitesPage_query.graphql';
import type { InvitesPage_invite$key } from './__generated__/InvitesPage_invite.graphql';
import type { InvitesPagePaginationQuery } from './__generated__/InvitesPagePaginationQuery.graphql';
import type { InvitesPageCreateMutation } from './__generated__/InvitesPageCreateMutation.graphql';
import type { InvitesPageRevokeMutation } from './__generated__/InvitesPageRevokeMutation.graphql';

const PAGE = 40;

const pageQuery = graphql`
  query InvitesPageQuery($all: Boolean!) {
    ...InvitesPage_query @arguments(all: $all)
  }
`;

const listFragment = graphql`
  fragment InvitesPage_query on Query
  @refetchable(queryName: "InvitesPagePaginationQuery")
  @argumentDefinitions(
    all: { type: "Boolean!" }
    count: { type: "Int", defaultValue: 40 }
    cursor: { type: "String" }
  ) {
    invites(all: $all, first: $count, after: $cursor) @connection(key: "InvitesPage_invites") {
      edges {
        node {
          id
          ...InvitesPage_invite
        }
      }
    }
  }
`;

const inviteFragment = graphql`
  fragment InvitesPage_invite on Invite {
    id
    code
    url
    maxUses
    uses
    expiresAt
    valid
    creator {
      acct
    }
  }
`;

const createMutation = graphql`
  mutation InvitesPageCreateMutation($input: CreateInviteInput!, $connections: [ID!]!) {
    createInvite(input: $input) {
      invite @prependNode(connections: $connections, edgeTypeName: "InviteEdge") {
        id
        url
        ...InvitesPage_invite
      }
    }
  }
`;

const revokeMutation = graphql`
  mutation InvitesPageRevokeMutation($input: RevokeInviteInput!) {
    revokeInvite(input: $input) {
      invite {
        id
        ...InvitesPage_invite
      }
    }
  }
`;

const text = adminSignUpsText.invites;

/** The choices of how many times an invite may be used; null for no limit. */
export const maxUsesChoices = [null, 1, 5, 10, 25, 50, 100] as const;

/** "3 of 10", or "3 of any number" for an invite with no limit. */
export function usesLabel(uses: number, maxUses: number | null | undefined): string {
  return maxUses === null || maxUses === undefined ? t(text.usesUnlimited, { uses }) : t(text.usesOf, { uses, max: maxUses });
}

function connectionId(all: boolean): string {
  return ConnectionHandler.getConnectionID('client:root', 'InvitesPage_invites', { all });
}

/** The new invite's link, to copy. */
function NewLink({ url }: { url: string }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(url).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <div className="secret" role="region" aria-label={text.newLink}>
      <label htmlFor={id}>{text.newLink}</label>
      <div className="secret__row">
        <input id={id} className="input secret__value invites__new-link" readOnly value={url} onFocus={(event) => event.target.select()} />
        <button type="button" className="button" onClick={copy}>
          {text.copy}
        </button>
      </div>
      <p role="status" className={copied === 'failed' ? 'form-error' : 'form-success'}>
        {copied === 'yes' ? text.copied : copied === 'failed' ? text.copyFailed : ''}
      </p>
    </div>
  );
}

/** The form creating an invite, which goes first in both lists; its link shows beneath once made. */
export function CreateInvite() {
  const [create, creating] = useMutation<InvitesPageCreateMutation>(createMutation);
  const environment = useRelayEnvironment();
  const [maxUses, setMaxUses] = useState('');
  const [expiry, setExpiry] = useState<Expiry>('1w');
  const [error, setError] = useState<string | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const announce = useAnnounce();
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    create({
      variables: {
        input: { maxUses: maxUses === '' ? null : Number(maxUses), expiresAt: expiresAt(expiry) },
        // Both lists, the viewer's and everyone's, those loaded so far.
        connections: [connectionId(false), connectionId(true)].filter((id) => environment.getStore().getSource().has(id)),
      },
      onCompleted: (response) => {
        setUrl(response.createInvite.invite.url);
        announce(text.created);
      },
      onError: (failure) => setError(messageOf(failure, { FORBIDDEN: text.forbidden })),
    });
  };
  return (
    <section className="setting-item" aria-labelledby={id('title')}>
      <h2 id={id('title')} className="section-heading">
        {text.createTitle}
      </h2>
      <form className="inline-form" onSubmit={submit} aria-labelledby={id('title')}>
        <div className="field">
          <label htmlFor={id('maxUses')}>{text.maxUses}</label>
          <select id={id('maxUses')} className="input" value={maxUses} onChange={(event) => setMaxUses(event.target.value)}>
            {maxUsesChoices.map((choice) => (
              <option key={choice ?? ''} value={choice ?? ''}>
                {choice === null ? text.noLimit : t(text.times, { count: choice })}
              </option>
            ))}
          </select>
        </div>
        <ExpirySelect id={id('expires')} label={text.expires} value={expiry} onChange={setExpiry} />
        <button type="submit" className="button button--primary" disabled={creating}>
          {creating ? text.creating : text.create}
        </button>
      </form>
      <FormError message={error} />
      {url !== null && <NewLink key={url} url={url} />}
    </section>
  );
}

function InviteRow({ invite: key, showCreator, onError }: { invite: InvitesPage_invite$key; showCreator: boolean; onError: (message: string) => void }) {
  const invite = useFragment(inviteFragment, key);
  const [revoke, revoking] = useMutation<InvitesPageRevokeMutation>(revokeMutation);
  const announce = useAnnounce();
  return (
    <tr className={invite.valid ? undefined : 'invites__invalid'}>
      <th scope="row">
        <a href={invite.url} className="invites__link">
          {invite.code}
        </a>
      </th>
      <td>{usesLabel(invite.uses, invite.maxUses)}</td>
      <td>
        {invite.expiresAt === null || invite.expiresAt === undefined ? (
          text.never
        ) : (
          <time dateTime={invite.expiresAt}>{absoluteTime(invite.expiresAt)}</time>
        )}
      </td>
      <td>{invite.valid ? text.valid : text.invalid}</td>
      {showCreator && (
        <td>
          <Link to={profilePath(invite.creator.acct)}>@{invite.creator.acct}</Link>
        </td>
      )}
      <td>
        {invite.valid && (
          <ConfirmButton
            label={text.revoke}
            question={t(text.revokeQuestion, { code: invite.code })}
            confirmLabel={t(text.revokeConfirm, { code: invite.code })}
            busy={revoking}
            onConfirm={() =>
              revoke({
                variables: { input: { id: invite.id } },
                onCompleted: () => announce(t(text.revoked, { code: invite.code })),
                onError: (failure) => onError(messageOf(failure, { FORBIDDEN: text.forbidden })),
              })
            }
          />
        )}
      </td>
    </tr>
  );
}

/** The invites, newest first, a page at a time; exported for its tests. */
export function InviteList({ query, showCreator }: { query: InvitesPage_query$key; showCreator: boolean }) {
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<InvitesPagePaginationQuery, InvitesPage_query$key>(
    listFragment,
    query,
  );
  const [error, setError] = useState<string | null>(null);
  const edges = data.invites.edges;
  return (
    <>
      <FormError message={error} />
      {edges.length === 0 ? (
        <p className="timeline__empty">{text.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table invites" aria-busy={isLoadingNext}>
            <caption>{text.list}</caption>
            <thead>
              <tr>
                <th scope="col">{text.link}</th>
                <th scope="col">{text.uses}</th>
                <th scope="col">{text.expiry}</th>
                <th scope="col">{text.state}</th>
                {showCreator && <th scope="col">{text.creator}</th>}
                <th scope="col">{text.actions}</th>
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node }) => (
                <InviteRow key={node.id} invite={node} showCreator={showCreator} onError={setError} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasNext && (
        <div className="timeline__footer">
          <button type="button" className="button" disabled={isLoadingNext} onClick={() => loadNext(PAGE)}>
            {isLoadingNext ? text.loadingMore : text.loadMore}
          </button>
        </div>
      )}
    </>
  );
}

function Invites({ all }: { all: boolean }) {
  const data = useLazyLoadQuery<InvitesPageQuery>(pageQuery, { all }, { fetchPolicy: 'store-and-network' });
  return <InviteList query={data} showCreator={all} />;
}

export default function InvitesPage({ permissions }: AdminSectionProps) {
  const mayManage = permissions.includes('MANAGE_INVITES');
  const [all, setAll] = useState(false);
  const everyone = mayManage && all;
  const id = useId();
  return (
    <div className="panel">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      <CreateInvite />
      {mayManage && (
        <label className="checkbox" htmlFor={id}>
          <input id={id} type="checkbox" checked={all} onChange={(event) => setAll(event.target.checked)} />
          {text.everyone}
        </label>
      )}
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        <Invites all={everyone} />
      </Suspense>
    </div>
  );
}

// One server, at /admin/federation/<domain>: what this server holds of it, how deliveries to
// it go and the software it says it runs, its block (changed here with the blocks' own form), and whether it is on the allowlist.
import { useEffect, useId, useRef, useState } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import type { RecordSourceSelectorProxy } from 'relay-runtime';
import { useAnnounce } from '../../../components/Announcer';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { adminServersText } from '../../../i18n/adminFederationText';
import { t } from '../../../i18n/en';
import { severityLabel } from '../../../lib/domainBlocks';
import { absoluteTime } from '../../../lib/time';
import { messageOf } from '../../../relay/errors';
import { Link, adminPath } from '../../../router';
import { EditBlock } from './DomainBlocksPage';
import { allowText, dropAllow, putAllow } from './allowlist';
import type { ServerPageQuery, ServerPageQuery$data } from './__generated__/ServerPageQuery.graphql';
import type { ServerPageAllowMutation } from './__generated__/ServerPageAllowMutation.graphql';
import type { ServerPageDisallowMutation } from './__generated__/ServerPageDisallowMutation.graphql';

const serverQuery = graphql`
  query ServerPageQuery($domain: String!) {
    knownServer(domain: $domain) {
      domain
      accounts
      statuses
      following
      followers
      failedDeliveries
      deliveryFailureDays
      unavailable
      lastSeenAt
      software {
        name
        version
        fetchedAt
      }
      allowed
      block {
        domain
        severity
        rejectMedia
        rejectReports
        obfuscate
        privateComment
        publicComment
        createdAt
      }
    }
    domainAllows {
      id
      domain
    }
  }
`;

const allowMutation = graphql`
  mutation ServerPageAllowMutation($input: AddDomainAllowInput!) {
    addDomainAllow(input: $input) {
      domainAllow {
        id
        domain
        createdAt
      }
    }
  }
`;

const disallowMutation = graphql`
  mutation ServerPageDisallowMutation($input: RemoveDomainAllowInput!) {
    removeDomainAllow(input: $input) {
      removedId
    }
  }
`;

const text = adminServersText.server;

type Server = ServerPageQuery$data['knownServer'];

/** A row of a server's figures: `time` is when `value` is, `readAt` when it was learnt. */
interface ServerFigure {
  label: string;
  value: string;
  time?: string;
  readAt?: string;
}

/** The figures of a server, in words and numbers, as its table lists them; exported for its tests. */
export function serverFigures(server: Omit<Server, 'block' | 'allowed' | 'domain'>): ServerFigure[] {
  const software = server.software;
  return [
    { label: text.accounts, value: String(server.accounts) },
    { label: text.statuses, value: String(server.statuses) },
    { label: text.following, value: String(server.following) },
    { label: text.followers, value: String(server.followers) },
    { label: text.failedDeliveries, value: String(server.failedDeliveries) },
    { label: text.deliveryFailureDays, value: String(server.deliveryFailureDays) },
    { label: text.unavailable, value: server.unavailable ? text.yes : text.no },
    server.lastSeenAt === null || server.lastSeenAt === undefined
      ? { label: text.lastSeen, value: text.never }
      : { label: text.lastSeen, value: absoluteTime(server.lastSeenAt), time: server.lastSeenAt },
    software === null || software === undefined
      ? { label: text.software, value: text.softwareNotRead }
      : { label: text.software, value: `${software.name} ${software.version}`, readAt: software.fetchedAt },
  ];
}

/** Sets what the page of the server asked for as `asked` shows of whether it is allowed. */
function markAllowed(store: RecordSourceSelectorProxy, asked: string, allowed: boolean): void {
  store.getRoot().getLinkedRecord('knownServer', { domain: asked })?.setValue(allowed, 'allowed');
}

function Allowlist({
  asked,
  domain,
  allowed,
  allowId,
}: {
  asked: string;
  domain: string;
  allowed: boolean;
  allowId: string | null;
}) {
  const [allow, allowing] = useMutation<ServerPageAllowMutation>(allowMutation);
  const [disallow, disallowing] = useMutation<ServerPageDisallowMutation>(disallowMutation);
  const [error, setError] = useState<string | null>(null);
  const announce = useAnnounce();
  const titleId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const wasAllowed = useRef(allowed);
  // The button changes its words in place; the focus stays on it.
  useEffect(() => {
    if (wasAllowed.current !== allowed) button.current?.focus();
    wasAllowed.current = allowed;
  }, [allowed]);
  const fail = (failure: unknown) => setError(messageOf(failure, { FORBIDDEN: allowText.forbidden }));
  return (
    <section className="setting-item" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-heading">
        {text.allowTitle}
      </h2>
      <p>{allowed ? text.isAllowed : text.notAllowed}</p>
      <FormError message={error} />
      <div className="actions">
        {allowed ? (
          <button
            type="button"
            ref={button}
            className="button"
            disabled={disallowing || allowId === null}
            onClick={() => {
              if (allowId === null) return;
              setError(null);
              disallow({
                variables: { input: { id: allowId } },
                updater: (store) => {
                  dropAllow(store, allowId);
                  markAllowed(store, asked, false);
                },
                onCompleted: () => announce(t(allowText.removed, { domain })),
                onError: fail,
              });
            }}
          >
            {disallowing ? text.disallowing : text.disallow}
          </button>
        ) : (
          <button
            type="button"
            ref={button}
            className="button"
            disabled={allowing}
            onClick={() => {
              setError(null);
              allow({
                variables: { input: { domain } },
                updater: (store) => {
                  putAllow(store, store.getRootField('addDomainAllow')?.getLinkedRecord('domainAllow'));
                  markAllowed(store, asked, true);
                },
                onCompleted: (response) => announce(t(allowText.added, { domain: response.addDomainAllow.domainAllow.domain })),
                onError: fail,
              });
            }}
          >
            {allowing ? text.allowing : text.allow}
          </button>
        )}
      </div>
    </section>
  );
}

function Comment({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value === '' ? text.noComment : value}</dd>
    </div>
  );
}

function Block({ asked, domain, block }: { asked: string; domain: string; block: Server['block'] }) {
  const [editing, setEditing] = useState(false);
  const titleId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Back on the button when the form closes.
  useEffect(() => {
    if (wasEditing.current && !editing) button.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const blocked = block !== null && block !== undefined;
  return (
    <section className="setting-item" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-heading">
        {text.blockTitle}
      </h2>
      {blocked ? (
        <dl className="server-block">
          <div>
            <dt>{text.severity}</dt>
            <dd>{severityLabel(block.severity)}</dd>
          </div>
          <div>
            <dt>{text.rejectMedia}</dt>
            <dd>{block.rejectMedia ? text.yes : text.no}</dd>
          </div>
          <div>
            <dt>{text.rejectReports}</dt>
            <dd>{block.rejectReports ? text.yes : text.no}</dd>
          </div>
          <Comment label={text.privateComment} value={block.privateComment} />
          <Comment label={text.publicComment} value={block.publicComment} />
          <div>
            <dt>{adminServersText.allowlist.createdAt}</dt>
            <dd>
              <time dateTime={block.createdAt}>{absoluteTime(block.createdAt)}</time>
            </dd>
          </div>
        </dl>
      ) : (
        <p>{text.notBlocked}</p>
      )}
      {editing ? (
        <EditBlock
          block={blocked ? block : undefined}
          domain={blocked ? undefined : domain}
          onClose={() => setEditing(false)}
          alsoUpdate={(store, saved) => store.getRoot().getLinkedRecord('knownServer', { domain: asked })?.setLinkedRecord(saved, 'block')}
        />
      ) : (
        <div className="actions">
          <button type="button" ref={button} className="button" onClick={() => setEditing(true)}>
            {blocked ? text.editBlock : text.block}
          </button>
        </div>
      )}
    </section>
  );
}

/** The page of the server at `domain`. */
export function ServerPage({ domain }: { domain: string }) {
  const data = useLazyLoadQuery<ServerPageQuery>(serverQuery, { domain }, { fetchPolicy: 'store-and-network' });
  const server = data.knownServer;
  const allowId = data.domainAllows.find((allow) => allow.domain === server.domain)?.id ?? null;
  const figuresId = useId();
  return (
    <div className="panel">
      <p>
        <Link to={adminPath('federation')}>{text.back}</Link>
      </p>
      <PageHeading title={server.domain} />
      <section aria-labelledby={figuresId}>
        <h2 id={figuresId} className="visually-hidden">
          {text.figures}
        </h2>
        <div className="table-scroll">
          <table className="data-table server-figures">
            <caption className="visually-hidden">{text.figures}</caption>
            <thead className="visually-hidden">
              <tr>
                <th scope="col">{text.figure}</th>
                <th scope="col">{text.value}</th>
              </tr>
            </thead>
            <tbody>
              {serverFigures(server).map((figure) => (
                <tr key={figure.label}>
                  <th scope="row">{figure.label}</th>
                  <td>
                    {figure.time === undefined ? figure.value : <time dateTime={figure.time}>{figure.value}</time>}
                    {figure.readAt !== undefined && (
                      <span className="hint">
                        {' · '}
                        <time dateTime={figure.readAt}>{t(text.softwareRead, { when: absoluteTime(figure.readAt) })}</time>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <Block asked={domain} domain={server.domain} block={server.block} />
      <Allowlist asked={domain} domain={server.domain} allowed={server.allowed} allowId={allowId} />
    </div>
  );
}

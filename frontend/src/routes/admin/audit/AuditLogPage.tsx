// The audit log: what moderators and administrators did, the latest first, shown by kind of
// action, and for one person or one thing when the address says so (`?actor=…&target=…`).
import { Suspense, useId } from 'react';
import { graphql, useFragment, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { PageHeading } from '../../../components/PageHeading';
import { adminSettingsText } from '../../../i18n/adminSettingsText';
import { en, t } from '../../../i18n/en';
import { auditDetailLines, type DetailValue } from '../../../lib/auditDetail';
import { absoluteTime } from '../../../lib/time';
import { Link, navigate, profilePath, usePath, useSearchParam } from '../../../router';
import type { AuditLogFilter, AuditLogPageQuery } from './__generated__/AuditLogPageQuery.graphql';
import type { AuditLogPage_query$key } from './__generated__/AuditLogPage_query.graphql';
import type { AuditLogPage_entry$key } from './__generated__/AuditLogPage_entry.graphql';
import type { AuditLogPagePaginationQuery } from './__generated__/AuditLogPagePaginationQuery.graphql';

const pageQuery = graphql`
  query AuditLogPageQuery($filter: AuditLogFilter) {
    ...AuditLogPage_query @arguments(filter: $filter)
  }
`;

const listFragment = graphql`
  fragment AuditLogPage_query on Query
  @refetchable(queryName: "AuditLogPagePaginationQuery")
  @argumentDefinitions(
    count: { type: "Int", defaultValue: 40 }
    cursor: { type: "String" }
    filter: { type: "AuditLogFilter" }
  ) {
    auditLog(filter: $filter, first: $count, after: $cursor) @connection(key: "AuditLogPage_auditLog") {
      edges {
        node {
          id
          actor {
            acct
          }
          targetName
          ...AuditLogPage_entry
        }
      }
    }
  }
`;

const entryFragment = graphql`
  fragment AuditLogPage_entry on AuditEntry {
    createdAt
    actor {
      id
      acct
    }
    action
    targetId
    targetName
    detail
  }
`;

const text = adminSettingsText.audit;

/** The kinds of action the log can be narrowed to, by the prefix of their names. */
export const actionPrefixes = ['account.', 'report.', 'role.', 'instance.', 'rules.'] as const;
type ActionPrefix = (typeof actionPrefixes)[number];

function isPrefix(value: string | null): value is ActionPrefix {
  return (actionPrefixes as readonly (string | null)[]).includes(value);
}

/** What the log is narrowed to: a kind of action, a person who acted, a thing acted on. */
export interface AuditFilters {
  action: ActionPrefix | null;
  actor: string | null;
  target: string | null;
}

/** The address of the log at `path` narrowed to `filters` (none given, none in the address). */
export function auditLogAddress(path: string, filters: AuditFilters): string {
  const search = new URLSearchParams();
  if (filters.action !== null) search.set('action', filters.action);
  if (filters.actor !== null) search.set('actor', filters.actor);
  if (filters.target !== null) search.set('target', filters.target);
  const query = search.toString();
  return query === '' ? path : `${path}?${query}`;
}

/** What the server is asked for; null when nothing narrows it. */
export function auditLogFilter(filters: AuditFilters): AuditLogFilter | null {
  const filter: AuditLogFilter = {
    ...(filters.action === null ? {} : { action: filters.action }),
    ...(filters.actor === null ? {} : { actorId: filters.actor }),
    ...(filters.target === null ? {} : { targetId: filters.target }),
  };
  return Object.keys(filter).length === 0 ? null : filter;
}

/** A value of the details: a list of records one item each, else text; "none" for none. */
function Value({ value, className }: { value: DetailValue; className: string }) {
  if (Array.isArray(value)) {
    return (
      <ol className={`audit-entry__list ${className}`}>
        {value.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ol>
    );
  }
  return <span className={className}>{value ?? text.none}</span>;
}

function Detail({ detail }: { detail: string }) {
  const lines = auditDetailLines(detail);
  if (lines.length === 0) return null;
  return (
    <dl className="audit-entry__detail" aria-label={text.details}>
      {lines.map((line, index) => {
        if (line.kind === 'text') {
          return (
            <div key={index} className="audit-entry__line">
              <dt className="visually-hidden">{text.details}</dt>
              <dd>{line.text}</dd>
            </div>
          );
        }
        if (line.kind === 'value') {
          return (
            <div key={index} className="audit-entry__line">
              <dt>{line.label}</dt>
              <dd>
                <Value value={line.value} className="audit-entry__value" />
              </dd>
            </div>
          );
        }
        const label = line.label === '' ? text.details : line.label;
        if (Array.isArray(line.before) || Array.isArray(line.after)) {
          // Lists, such as the rules, before and after, one above the other.
          return (
            <div key={index} className="audit-entry__line">
              <dt className={line.label === '' ? 'visually-hidden' : undefined}>{label}</dt>
              <dd className="audit-entry__lists">
                {line.before !== null && (
                  <div>
                    <p className="audit-entry__side">{text.before}</p>
                    <Value value={line.before} className="audit-entry__old" />
                  </div>
                )}
                <div>
                  <p className="audit-entry__side">{text.after}</p>
                  <Value value={line.after} className="audit-entry__new" />
                </div>
              </dd>
            </div>
          );
        }
        return (
          <div key={index} className="audit-entry__line">
            <dt className={line.label === '' ? 'visually-hidden' : undefined}>{label}</dt>
            <dd className="audit-entry__change">
              {line.before === null ? null : (
                <>
                  <span className="visually-hidden">{text.before}: </span>
                  <Value value={line.before} className="audit-entry__before" />
                  <span aria-hidden="true"> → </span>
                  <span className="visually-hidden">, {text.after}: </span>
                </>
              )}
              <Value value={line.after} className="audit-entry__after" />
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function Entry({ entry: key, filters, path }: { entry: AuditLogPage_entry$key; filters: AuditFilters; path: string }) {
  const entry = useFragment(entryFragment, key);
  const actor = entry.actor;
  const target = entry.targetName ?? entry.targetId;
  return (
    <li className="setting-item audit-entry">
      <div className="audit-entry__head">
        <time className="audit-entry__time" dateTime={entry.createdAt}>
          {absoluteTime(entry.createdAt)}
        </time>
        <span className="audit-entry__actor">
          <span className="visually-hidden">{text.actor}: </span>
          {actor === null || actor === undefined ? text.commandLine : <Link to={profilePath(actor.acct)}>@{actor.acct}</Link>}
        </span>
        <span className="audit-entry__action">
          <span className="visually-hidden">{text.action}: </span>
          <code>{entry.action}</code>
        </span>
        <span className="audit-entry__target">
          <span className="visually-hidden">{text.target}: </span>
          {target ?? text.noTarget}
        </span>
      </div>
      <Detail detail={entry.detail} />
      <p className="hint audit-entry__narrow">
        {actor !== null && actor !== undefined && filters.actor !== actor.id && (
          <Link to={auditLogAddress(path, { ...filters, actor: actor.id })}>{t(text.onlyActor, { who: `@${actor.acct}` })}</Link>
        )}
        {entry.targetId !== null && entry.targetId !== undefined && filters.target !== entry.targetId && (
          <Link to={auditLogAddress(path, { ...filters, target: entry.targetId })}>
            {t(text.onlyTarget, { target: target ?? entry.targetId })}
          </Link>
        )}
      </p>
    </li>
  );
}

function Entries({ query, filters, path }: { query: AuditLogPage_query$key; filters: AuditFilters; path: string }) {
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<AuditLogPagePaginationQuery, AuditLogPage_query$key>(
    listFragment,
    query,
  );
  const edges = data.auditLog.edges;
  const first = edges[0]?.node;
  return (
    <>
      {(filters.actor !== null || filters.target !== null) && (
        <ul className="audit-log__narrowed">
          {filters.actor !== null && (
            <li>
              {first?.actor === null || first?.actor === undefined
                ? text.byActor
                : t(text.onlyActor, { who: `@${first.actor.acct}` })}{' '}
              <Link to={auditLogAddress(path, { ...filters, actor: null })}>{text.showAll}</Link>
            </li>
          )}
          {filters.target !== null && (
            <li>
              {first === undefined ? text.onTarget : t(text.onlyTarget, { target: first.targetName ?? filters.target })}{' '}
              <Link to={auditLogAddress(path, { ...filters, target: null })}>{text.showAllTargets}</Link>
            </li>
          )}
        </ul>
      )}
      {edges.length === 0 ? (
        <p className="timeline__empty">{text.empty}</p>
      ) : (
        <ol className="setting-items audit-log" aria-label={text.entries} aria-busy={isLoadingNext}>
          {edges.map(({ node }) => (
            <Entry key={node.id} entry={node} filters={filters} path={path} />
          ))}
        </ol>
      )}
      {hasNext && (
        <div className="timeline__footer">
          <button type="button" className="button" disabled={isLoadingNext} onClick={() => loadNext(40)}>
            {isLoadingNext ? text.loadingMore : text.loadMore}
          </button>
        </div>
      )}
    </>
  );
}

function Log({ filters, path }: { filters: AuditFilters; path: string }) {
  const data = useLazyLoadQuery<AuditLogPageQuery>(
    pageQuery,
    { filter: auditLogFilter(filters) },
    { fetchPolicy: 'store-and-network' },
  );
  return <Entries query={data} filters={filters} path={path} />;
}

export default function AuditLogPage() {
  const path = usePath();
  const action = useSearchParam('action');
  const filters: AuditFilters = {
    action: isPrefix(action) ? action : null,
    actor: useSearchParam('actor'),
    target: useSearchParam('target'),
  };
  const id = useId();
  return (
    <div className="panel">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      <div className="field audit-log__filter">
        <label htmlFor={id}>{text.actionLabel}</label>
        <select
          id={id}
          className="input"
          value={filters.action ?? ''}
          onChange={(event) =>
            navigate(auditLogAddress(path, { ...filters, action: isPrefix(event.target.value) ? event.target.value : null }), {
              replace: true,
            })
          }
        >
          <option value="">{text.allActions}</option>
          {actionPrefixes.map((prefix) => (
            <option key={prefix} value={prefix}>
              {text[prefix]}
            </option>
          ))}
        </select>
      </div>
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        <Log filters={filters} path={path} />
      </Suspense>
    </div>
  );
}

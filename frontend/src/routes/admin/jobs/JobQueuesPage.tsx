// /admin/jobs: the server's background queues with what waits, runs and failed in each, a way
// to queue the failed deliveries again, and those deliveries, newest first, a page at a time.
import { Suspense, useId, useState, useTransition } from 'react';
import { graphql, useLazyLoadQuery, useMutation, usePaginationFragment } from 'react-relay/hooks';
import { useAnnounce } from '../../../components/Announcer';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { adminJobsText } from '../../../i18n/adminJobsText';
import { en, t } from '../../../i18n/en';
import { absoluteTime } from '../../../lib/time';
import { messageOf } from '../../../relay/errors';
import { useKeepFocus } from '../useKeepFocus';
import type { JobQueuesPageQuery } from './__generated__/JobQueuesPageQuery.graphql';
import type { JobQueuesPageFailedQuery } from './__generated__/JobQueuesPageFailedQuery.graphql';
import type { JobQueuesPageFailedPaginationQuery } from './__generated__/JobQueuesPageFailedPaginationQuery.graphql';
import type { JobQueuesPage_failed$key } from './__generated__/JobQueuesPage_failed.graphql';
import type { JobQueuesPageRetryMutation } from './__generated__/JobQueuesPageRetryMutation.graphql';

/** The queue whose failed tasks are kept, listed and retried. */
export const DELIVER = 'deliver';

const PAGE = 20;

export const queuesQuery = graphql`
  query JobQueuesPageQuery {
    jobQueues {
      name
      pending
      running
      failed
    }
  }
`;

export const failedQuery = graphql`
  query JobQueuesPageFailedQuery {
    ...JobQueuesPage_failed
  }
`;

const failedFragment = graphql`
  fragment JobQueuesPage_failed on Query
  @refetchable(queryName: "JobQueuesPageFailedPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    failedDeliveries(first: $count, after: $cursor) @connection(key: "JobQueuesPage_failedDeliveries") {
      edges {
        node {
          id
          inbox
          attempts
          lastError
          failedAt
        }
      }
    }
  }
`;

const retryMutation = graphql`
  mutation JobQueuesPageRetryMutation {
    retryFailedJobs(input: { queue: "deliver" }) {
      retried
    }
  }
`;

const text = adminJobsText.jobs;

/** What retrying the failed deliveries did, as announced. */
export function retriedMessage(retried: number): string {
  return t(text.retried, { count: retried });
}

/** How the page asks for its data: from the store first, from the server alone once refreshed. */
interface Fetching {
  fetchKey: number;
  fetchPolicy: 'store-and-network' | 'network-only';
}

function Queues({ fetching, refreshing, onRefresh }: { fetching: Fetching; refreshing: boolean; onRefresh: () => void }) {
  const { jobQueues } = useLazyLoadQuery<JobQueuesPageQuery>(queuesQuery, {}, fetching);
  const [commit, retrying] = useMutation<JobQueuesPageRetryMutation>(retryMutation);
  const [error, setError] = useState<string | null>(null);
  const announce = useAnnounce();
  const errorId = useId();
  const deliver = jobQueues.find((queue) => queue.name === DELIVER);
  const mayRetry = deliver !== undefined && deliver.failed > 0;
  // The retry button, busy or gone once nothing failed, hands the focus to the refresh button.
  const refreshButton = useKeepFocus<HTMLButtonElement>(`${retrying}:${mayRetry}`);
  const retry = () => {
    setError(null);
    commit({
      variables: {},
      onCompleted: (response) => {
        announce(retriedMessage(response.retryFailedJobs.retried));
        onRefresh();
      },
      onError: (failure) => setError(t(text.retryFailed, { reason: messageOf(failure) })),
    });
  };
  return (
    <>
      {jobQueues.length === 0 ? (
        <p>{text.noQueues}</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table job-queues" aria-busy={refreshing}>
            <caption className="visually-hidden">{text.queues}</caption>
            <thead>
              <tr>
                <th scope="col">{text.queue}</th>
                <th scope="col">{text.pending}</th>
                <th scope="col">{text.running}</th>
                <th scope="col">{text.failed}</th>
              </tr>
            </thead>
            <tbody>
              {jobQueues.map((queue) => (
                <tr key={queue.name}>
                  <th scope="row">
                    <code>{queue.name}</code>
                  </th>
                  <td>{queue.pending}</td>
                  <td>{queue.running}</td>
                  <td>{queue.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        <button type="button" className="button" ref={refreshButton} onClick={onRefresh}>
          {text.refresh}
        </button>
        {mayRetry && (
          <button
            type="button"
            className="button button--primary"
            disabled={retrying}
            aria-describedby={error === null ? undefined : errorId}
            onClick={retry}
          >
            {retrying ? text.retrying : text.retry}
          </button>
        )}
      </div>
      <FormError id={errorId} message={error} />
    </>
  );
}

function FailedList({ fetching }: { fetching: Fetching }) {
  const query = useLazyLoadQuery<JobQueuesPageFailedQuery>(failedQuery, {}, fetching);
  const { data, hasNext, isLoadingNext, loadNext } = usePaginationFragment<
    JobQueuesPageFailedPaginationQuery,
    JobQueuesPage_failed$key
  >(failedFragment, query);
  const edges = data.failedDeliveries.edges;
  if (edges.length === 0) return <p className="timeline__empty">{text.noFailed}</p>;
  return (
    <>
      <div className="admin-table-wrap">
        <table className="admin-table failed-deliveries" aria-busy={isLoadingNext}>
          <caption className="visually-hidden">{text.failedDeliveries}</caption>
          <thead>
            <tr>
              <th scope="col">{text.inbox}</th>
              <th scope="col">{text.attempts}</th>
              <th scope="col">{text.lastError}</th>
              <th scope="col">{text.failedAt}</th>
            </tr>
          </thead>
          <tbody>
            {edges.map(({ node }) => (
              <tr key={node.id}>
                <th scope="row" className="admin-table__comment">
                  {node.inbox}
                </th>
                <td>{node.attempts}</td>
                <td className="admin-table__comment">{node.lastError}</td>
                <td>
                  <time dateTime={node.failedAt}>{absoluteTime(node.failedAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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

export default function JobQueuesPage() {
  const [fetching, setFetching] = useState<Fetching>({ fetchKey: 0, fetchPolicy: 'store-and-network' });
  const [refreshing, startRefresh] = useTransition();
  const failedId = useId();
  // What is shown stays until the server's new counts come.
  const refresh = () => startRefresh(() => setFetching((now) => ({ fetchKey: now.fetchKey + 1, fetchPolicy: 'network-only' })));
  return (
    <div className="admin-page">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        <Queues fetching={fetching} refreshing={refreshing} onRefresh={refresh} />
      </Suspense>
      <section className="admin-block" aria-labelledby={failedId}>
        <h2 id={failedId} className="section-heading">
          {text.failedDeliveries}
        </h2>
        <p className="hint">{text.failedIntro}</p>
        <ErrorBoundary onRetry={refresh}>
          <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
            <FailedList fetching={fetching} />
          </Suspense>
        </ErrorBoundary>
      </section>
    </div>
  );
}

// The dashboard's queues panel: what waits and what failed in each background queue, leading
// to the job queues page. Fetched only for a role that may manage the queues.
import { useId } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { adminJobsText } from '../../../i18n/adminJobsText';
import { Link, adminPath } from '../../../router';
import type { QueuesPanelQuery } from './__generated__/QueuesPanelQuery.graphql';

export const queuesPanelQuery = graphql`
  query QueuesPanelQuery {
    jobQueues {
      name
      pending
      failed
    }
  }
`;

const text = adminJobsText.panel;

export function QueuesPanel() {
  const { jobQueues } = useLazyLoadQuery<QueuesPanelQuery>(queuesPanelQuery, {}, { fetchPolicy: 'store-and-network' });
  const headingId = useId();
  return (
    <section className="panel admin-queues" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-heading">
        <Link to={adminPath('jobs')}>{text.title}</Link>
      </h2>
      <table className="admin-table">
        <caption className="visually-hidden">{text.title}</caption>
        <thead>
          <tr>
            <th scope="col">{text.queue}</th>
            <th scope="col">{text.pending}</th>
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
              <td>{queue.failed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

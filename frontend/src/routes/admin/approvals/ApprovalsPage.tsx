// /admin/approvals: the sign-ups waiting for a moderator's approval, oldest last, each with
// its handle, email, the reason its applicant wrote and when; approved or rejected, a sign-up
// leaves the list.
import { useState } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { PageHeading } from '../../../components/PageHeading';
import { RelativeTime } from '../../../components/RelativeTime';
import { adminText } from '../../../i18n/adminText';
import { Link, adminPath } from '../../../router';
import { ApprovalButtons } from './ApprovalButtons';
import type { ApprovalsPageQuery } from './__generated__/ApprovalsPageQuery.graphql';

export const approvalsQuery = graphql`
  query ApprovalsPageQuery {
    adminAccounts(filter: { state: PENDING }, first: 100) {
      nodes {
        id
        email
        registrationReason
        createdAt
        account {
          acct
        }
      }
    }
  }
`;

const text = adminText.approvals;

export default function ApprovalsPage() {
  const data = useLazyLoadQuery<ApprovalsPageQuery>(approvalsQuery, {}, { fetchPolicy: 'store-and-network' });
  // Sign-ups settled here since the list was read.
  const [settled, setSettled] = useState<ReadonlySet<string>>(() => new Set());
  const waiting = data.adminAccounts.nodes.filter((node) => !settled.has(node.id));
  const settle = (id: string) => setSettled((before) => new Set(before).add(id));
  return (
    <div className="admin-page">
      <PageHeading title={text.title} />
      {waiting.length === 0 ? (
        <p className="hint">{text.none}</p>
      ) : (
        <ul className="admin-list">
          {waiting.map((node) => {
            const acct = node.account.acct;
            const reason = node.registrationReason ?? '';
            return (
              <li key={node.id} className="admin-list__item">
                <h2 className="section-heading">
                  <Link to={adminPath('accounts', node.id)}>@{acct}</Link>
                </h2>
                <dl className="admin-facts">
                  <dt>{text.email}</dt>
                  <dd>{node.email ?? ''}</dd>
                  <dt>{text.reason}</dt>
                  <dd className="admin-comment">{reason === '' ? text.noReason : reason}</dd>
                  <dt>{text.signedUp}</dt>
                  <dd>
                    <RelativeTime iso={node.createdAt} />
                  </dd>
                </dl>
                <ApprovalButtons accountId={node.id} acct={acct} onDone={() => settle(node.id)} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

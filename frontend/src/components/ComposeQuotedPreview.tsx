// The post a new post quotes, shown in the composer; loaded when a quote is first written.
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { en } from '../i18n/en';
import { QuotedStatus } from './QuotedStatus';
import type { ComposeQuotedPreviewQuery } from './__generated__/ComposeQuotedPreviewQuery.graphql';

const quotedQuery = graphql`
  query ComposeQuotedPreviewQuery($id: ID!) {
    node(id: $id) {
      ...QuotedStatus_status @alias
    }
  }
`;

export default function ComposeQuotedPreview({ id }: { id: string }) {
  const data = useLazyLoadQuery<ComposeQuotedPreviewQuery>(quotedQuery, { id }, { fetchPolicy: 'store-or-network' });
  const status = data.node?.QuotedStatus_status;
  if (status === null || status === undefined) return <p className="hint">{en.quote.UNAVAILABLE}</p>;
  return <QuotedStatus status={status} />;
}

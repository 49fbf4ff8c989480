// The post a quote post quotes, shown small inside it (and in the composer while quoting).
import { graphql, useFragment } from 'react-relay/hooks';
import { en } from '../i18n/en';
import { Link, profilePath } from '../router';
import { Content } from './Content';
import type { QuotedStatus_status$key } from './__generated__/QuotedStatus_status.graphql';
import { shownName } from '../lib/shownName';

const statusFragment = graphql`
  fragment QuotedStatus_status on Status {
    url
    content
    contentWarning
    author {
      acct
      username
      displayName
    }
  }
`;

export function QuotedStatus({ status: key }: { status: QuotedStatus_status$key }) {
  const status = useFragment(statusFragment, key);
  const name = shownName(status.author);
  return (
    <blockquote className="quoted" cite={status.url}>
      <p className="quoted__author">
        <Link to={profilePath(status.author.acct)}>
          <span className="status__display-name">{name}</span> <span className="status__acct">@{status.author.acct}</span>
        </Link>
      </p>
      {status.contentWarning !== '' ? (
        <p className="quoted__warning">{status.contentWarning}</p>
      ) : (
        <Content html={status.content} />
      )}
    </blockquote>
  );
}

/** What a reader sees of a quote whose post does not show: pending, refused, revoked or deleted. */
export function quoteStateMessage(state: string): string {
  return en.quote[state as keyof typeof en.quote] ?? en.quote.UNAVAILABLE;
}

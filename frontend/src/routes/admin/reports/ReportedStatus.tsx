// A reported post, read only: its time (a link to its page), content warning, text and how
// many attachments it has.
import { graphql, useFragment } from 'react-relay/hooks';
import { Content } from '../../../components/Content';
import { RelativeTime } from '../../../components/RelativeTime';
import { en, t } from '../../../i18n/en';
import { adminText } from '../../../i18n/adminText';
import { Link, statusPath } from '../../../router';
import type { ReportedStatus_status$key } from './__generated__/ReportedStatus_status.graphql';

const statusFragment = graphql`
  fragment ReportedStatus_status on Status {
    id
    content
    contentWarning
    createdAt
    visibility
    author {
      acct
    }
    mediaAttachments {
      id
    }
  }
`;

export function ReportedStatus({ status: key }: { status: ReportedStatus_status$key }) {
  const status = useFragment(statusFragment, key);
  return (
    <article className="reported-status">
      <p className="hint">
        <Link to={statusPath(status.author.acct, status.id)}>
          <RelativeTime iso={status.createdAt} />
        </Link>
        {' · '}
        {en.visibility[status.visibility as keyof typeof en.visibility] ?? status.visibility}
      </p>
      {status.contentWarning !== '' && <p className="reported-status__warning">{status.contentWarning}</p>}
      <Content html={status.content} />
      {status.mediaAttachments.length > 0 && (
        <p className="hint">{t(adminText.report.attachments, { count: status.mediaAttachments.length })}</p>
      )}
    </article>
  );
}

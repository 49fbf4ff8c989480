// A post's earlier versions, newest first, read when the reader asks for them.
import { Suspense } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { en, t } from '../i18n/en';
import { composeText } from '../i18n/composeText';
import { absoluteTime } from '../lib/time';
import { Content } from './Content';
import { Dialog } from './Dialog';
import type { EditHistoryQuery } from './__generated__/EditHistoryQuery.graphql';

const historyQuery = graphql`
  query EditHistoryQuery($id: ID!) {
    status(id: $id) {
      edits {
        content
        contentWarning
        createdAt
      }
    }
  }
`;

function Versions({ statusId }: { statusId: string }) {
  const data = useLazyLoadQuery<EditHistoryQuery>(historyQuery, { id: statusId }, { fetchPolicy: 'network-only' });
  const edits = data.status.edits;
  const newestFirst = edits.map((edit, index) => ({ edit, index })).reverse();
  return (
    <ol className="edit-history">
      {newestFirst.map(({ edit, index }) => (
        <li key={index} className="edit-history__version">
          <h3 className="edit-history__when">
            <time dateTime={edit.createdAt}>
              {t(
                index === edits.length - 1 ? composeText.edit.current : index === 0 ? composeText.edit.original : composeText.edit.version,
                { when: absoluteTime(edit.createdAt) },
              )}
            </time>
          </h3>
          {edit.contentWarning !== '' && <p className="status__warning">{edit.contentWarning}</p>}
          <Content html={edit.content} />
        </li>
      ))}
    </ol>
  );
}

export function EditHistory({ statusId, open, onClose }: { statusId: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title={composeText.edit.historyTitle} onClose={onClose}>
      <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
        <Versions statusId={statusId} />
      </Suspense>
      <form method="dialog" className="actions">
        <button type="submit" className="button">
          {composeText.edit.close}
        </button>
      </form>
    </Dialog>
  );
}

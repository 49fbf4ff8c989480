// The viewer's bookmarks, `/bookmarks`: the latest bookmarked first, loading more as one reads.
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { SignInFirst } from '../../components/SignInFirst';
import { StatusList } from '../../components/StatusList';
import { en } from '../../i18n/en';
import type { BookmarksPageQuery } from './__generated__/BookmarksPageQuery.graphql';
import type { BookmarksPage_query$key } from './__generated__/BookmarksPage_query.graphql';
import type { BookmarksPagePaginationQuery } from './__generated__/BookmarksPagePaginationQuery.graphql';

const pageQuery = graphql`
  query BookmarksPageQuery {
    ...BookmarksPage_query
  }
`;

const listFragment = graphql`
  fragment BookmarksPage_query on Query
  @refetchable(queryName: "BookmarksPagePaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    bookmarks(first: $count, after: $cursor) @connection(key: "BookmarksPage_bookmarks") {
      edges {
        node {
          id
          ...Status_status
        }
      }
    }
  }
`;

function BookmarksList({ query }: { query: BookmarksPage_query$key }) {
  const pagination = usePaginationFragment<BookmarksPagePaginationQuery, BookmarksPage_query$key>(listFragment, query);
  return (
    <StatusList
      label={en.timeline.bookmarksTitle}
      emptyMessage={en.timeline.bookmarksEmpty}
      signedIn
      connection={pagination.data.bookmarks}
      pagination={pagination}
    />
  );
}

function SignedBookmarks() {
  const data = useLazyLoadQuery<BookmarksPageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  return <BookmarksList query={data} />;
}

export default function BookmarksPage({ signedIn }: { signedIn: boolean }) {
  return (
    <>
      <PageHeading title={en.timeline.bookmarksTitle} />
      {signedIn ? <SignedBookmarks /> : <SignInFirst message={en.timeline.signInForSaved} />}
    </>
  );
}

// The viewer's favourites, `/favourites`: the latest favourited first, loading more as one reads.
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { PageHeading } from '../../components/PageHeading';
import { SignInFirst } from '../../components/SignInFirst';
import { StatusList } from '../../components/StatusList';
import { en } from '../../i18n/en';
import type { FavouritesPageQuery } from './__generated__/FavouritesPageQuery.graphql';
import type { FavouritesPage_query$key } from './__generated__/FavouritesPage_query.graphql';
import type { FavouritesPagePaginationQuery } from './__generated__/FavouritesPagePaginationQuery.graphql';

const pageQuery = graphql`
  query FavouritesPageQuery {
    ...FavouritesPage_query
  }
`;

const listFragment = graphql`
  fragment FavouritesPage_query on Query
  @refetchable(queryName: "FavouritesPagePaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    favourites(first: $count, after: $cursor) @connection(key: "FavouritesPage_favourites") {
      edges {
        node {
          id
          ...Status_status
        }
      }
    }
  }
`;

function FavouritesList({ query }: { query: FavouritesPage_query$key }) {
  const pagination = usePaginationFragment<FavouritesPagePaginationQuery, FavouritesPage_query$key>(listFragment, query);
  return (
    <StatusList
      label={en.timeline.favouritesTitle}
      emptyMessage={en.timeline.favouritesEmpty}
      signedIn
      connection={pagination.data.favourites}
      pagination={pagination}
    />
  );
}

function SignedFavourites() {
  const data = useLazyLoadQuery<FavouritesPageQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  return <FavouritesList query={data} />;
}

export default function FavouritesPage({ signedIn }: { signedIn: boolean }) {
  return (
    <>
      <PageHeading title={en.timeline.favouritesTitle} />
      {signedIn ? <SignedFavourites /> : <SignInFirst message={en.timeline.signInForSaved} />}
    </>
  );
}

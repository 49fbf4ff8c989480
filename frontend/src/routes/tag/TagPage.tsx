// A hashtag's timeline, `/tags/<name>`: its public posts, live, and following the hashtag.
import { useMemo, useState } from 'react';
import { graphql, useLazyLoadQuery, usePaginationFragment } from 'react-relay/hooks';
import { LiveStatusTimeline } from '../../components/LiveStatusTimeline';
import { PageHeading } from '../../components/PageHeading';
import { useOptimisticToggle } from '../../components/useOptimisticToggle';
import { t } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { messageOf } from '../../relay/errors';
import type { TagPageQuery } from './__generated__/TagPageQuery.graphql';
import type { TagPageCatchUpQuery } from './__generated__/TagPageCatchUpQuery.graphql';
import type { TagPageSubscription } from './__generated__/TagPageSubscription.graphql';
import type { TagPageTimelinePaginationQuery } from './__generated__/TagPageTimelinePaginationQuery.graphql';
import type { TagPage_query$key } from './__generated__/TagPage_query.graphql';

const pageQuery = graphql`
  query TagPageQuery($name: String!) {
    tag(name: $name) {
      name
      following
    }
    ...TagPage_query @arguments(tag: $name)
  }
`;

const timelineFragment = graphql`
  fragment TagPage_query on Query
  @refetchable(queryName: "TagPageTimelinePaginationQuery")
  @argumentDefinitions(tag: { type: "String!" }, count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    hashtagTimeline(tag: $tag, first: $count, after: $cursor) @connection(key: "TagPage_hashtagTimeline") {
      __id
      edges {
        node {
          id
          ...Status_status
        }
      }
    }
  }
`;

/** The newest posts, fetched when the live connection comes back. */
const catchUpQuery = graphql`
  query TagPageCatchUpQuery($tag: String!, $count: Int!) {
    hashtagTimeline(tag: $tag, first: $count) {
      edges {
        node {
          id
          ...Status_status
        }
      }
    }
  }
`;

const updates = graphql`
  subscription TagPageSubscription($tag: String!) {
    hashtagUpdates(tag: $tag) {
      kind
      statusId
      status {
        id
        ...Status_status
      }
    }
  }
`;

const followMutations = {
  on: graphql`
    mutation TagPageFollowMutation($input: TagInput!) {
      followTag(input: $input) {
        tag {
          name
          following
        }
      }
    }
  `,
  off: graphql`
    mutation TagPageUnfollowMutation($input: TagInput!) {
      unfollowTag(input: $input) {
        tag {
          name
          following
        }
      }
    }
  `,
};

function TagTimeline({ query, name, signedIn }: { query: TagPage_query$key; name: string; signedIn: boolean }) {
  const pagination = usePaginationFragment<TagPageTimelinePaginationQuery, TagPage_query$key>(timelineFragment, query);
  const variables = useMemo(() => ({ tag: name }), [name]);
  return (
    <LiveStatusTimeline<TagPageSubscription, TagPageCatchUpQuery>
      label={`#${name}`}
      emptyMessage={pageText.tag.empty}
      signedIn={signedIn}
      connection={pagination.data.hashtagTimeline}
      pagination={pagination}
      subscription={updates}
      variables={variables}
      pickEvent={(response) => response.hashtagUpdates}
      catchUp={{ query: catchUpQuery, pick: (response) => response.hashtagTimeline.edges }}
    />
  );
}

/** Follows or unfollows the hashtag, showing the change at once and undoing it on failure. */
export function FollowTagButton({ name, following }: { name: string; following: boolean }) {
  const { toggle, busy } = useOptimisticToggle();
  const [error, setError] = useState<string | null>(null);
  const onClick = () => {
    setError(null);
    toggle(followMutations, !following, {
      variables: { input: { tag: name } },
      // The page's `tag(name:)` record is the one it reads; the payload's is another.
      show: (store) => {
        store.getRoot().getLinkedRecord('tag', { name })?.setValue(!following, 'following');
      },
      keep: true,
      onFailed: (failure) => setError(t(pageText.tag.followFailed, { reason: messageOf(failure) })),
    });
  };
  return (
    <div className="tag__follow">
      <button
        type="button"
        className={following ? 'button' : 'button button--primary'}
        disabled={busy}
        onClick={onClick}
      >
        {following ? pageText.tag.unfollow : pageText.tag.follow}
      </button>
      {following && <p className="hint">{pageText.tag.followingHint}</p>}
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export default function TagPage({ name, signedIn }: { name: string; signedIn: boolean }) {
  const data = useLazyLoadQuery<TagPageQuery>(pageQuery, { name }, { fetchPolicy: 'store-and-network' });
  return (
    <>
      <header className="panel tag">
        <PageHeading title={`#${data.tag.name}`} />
        {signedIn && <FollowTagButton name={name} following={data.tag.following} />}
      </header>
      <TagTimeline query={data} name={name} signedIn={signedIn} />
    </>
  );
}

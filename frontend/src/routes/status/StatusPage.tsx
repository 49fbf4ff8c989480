// A post with its thread, `/@user/<id>`: what it answers above, the post itself larger, its
// replies below, and a composer that opens under whichever post is answered.
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { graphql, useLazyLoadQuery } from 'react-relay/hooks';
import { Compose, VISIBILITIES, type ReplyTo } from '../../components/Compose';
import { KeyboardHelp } from '../../components/KeyboardHelp';
import { PageHeading } from '../../components/PageHeading';
import { ReplyContext, REPLY_QUERY } from '../../components/replyContext';
import { Status } from '../../components/Status';
import { usePostShortcuts } from '../../components/usePostShortcuts';
import type { Visibility } from '../../components/__generated__/ComposeCreateStatusMutation.graphql';
import { en, t } from '../../i18n/en';
import { replyDepths, threadWindow } from '../../lib/thread';
import { useViewer } from '../../session';
import type { Status_status$key } from '../../components/__generated__/Status_status.graphql';
import type { StatusPageQuery } from './__generated__/StatusPageQuery.graphql';
import type { StatusPagePostsQuery } from './__generated__/StatusPagePostsQuery.graphql';
import { shownName } from '../../lib/shownName';

// The thread's shape is read first, then its posts by id: a thread weighs each of its fields
// a hundred times over in the server's query complexity, so posts in full are read by id.
const pageQuery = graphql`
  query StatusPageQuery($id: ID!) {
    ...Compose_query
    status(id: $id) {
      id
      visibility
      contentWarning
      author {
        id
        acct
        username
        displayName
      }
      ...Status_status @alias(as: "post")
    }
    thread(statusId: $id) {
      ancestors {
        id
      }
      descendants {
        id
        inReplyTo {
          id
        }
      }
    }
  }
`;

const postsQuery = graphql`
  query StatusPagePostsQuery($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      ... on Status {
        id
        visibility
        contentWarning
        author {
          id
          acct
          username
          displayName
        }
      }
      ...Status_status @alias(as: "post")
    }
  }
`;

/** A post of the thread as the page reads it; `post` is what `Status` shows. */
interface Post {
  id: string;
  visibility: string;
  contentWarning: string;
  author: { id: string; acct: string; username: string; displayName: string };
  post: Status_status$key;
}

/** Whether the page was opened to write a reply at once (`?reply`). */
function askedToReply(): boolean {
  return new URLSearchParams(window.location.search).has(REPLY_QUERY);
}

export default function StatusPage({ statusId, signedIn }: { statusId: string; signedIn: boolean }) {
  const [fetchKey, setFetchKey] = useState(0);
  const data = useLazyLoadQuery<StatusPageQuery>(
    pageQuery,
    { id: statusId },
    { fetchPolicy: 'store-and-network', fetchKey },
  );
  const viewer = useViewer();
  const [replyingTo, setReplyingTo] = useState<string | null>(() => (signedIn && askedToReply() ? statusId : null));
  const list = useRef<HTMLDivElement>(null);
  const { helpOpen, closeHelp } = usePostShortcuts(list);
  const status = data.status;
  const shown = threadWindow(data.thread.ancestors, data.thread.descendants);
  const posts = useLazyLoadQuery<StatusPagePostsQuery>(
    postsQuery,
    { ids: [...shown.ancestors, ...shown.replies].map((post) => post.id) },
    { fetchPolicy: 'store-and-network', fetchKey },
  );
  const byId = new Map<string, Post>();
  for (const node of posts.nodes) {
    const { id, visibility, contentWarning, author, post } = node ?? {};
    // Each is a Status (asked for by a thread's ids); one no longer seen is left out.
    if (id === undefined || visibility === undefined || contentWarning === undefined || author === undefined) continue;
    if (post === null || post === undefined) continue;
    byId.set(id, { id, visibility, contentWarning, author, post });
  }
  const found = (ids: readonly { id: string }[]) => ids.flatMap((post) => byId.get(post.id) ?? []);
  const ancestors = found(shown.ancestors);
  const descendants = found(shown.replies);
  const depths = useMemo(
    () =>
      replyDepths(
        status.id,
        data.thread.descendants.map((reply) => ({ id: reply.id, inReplyToId: reply.inReplyTo?.id ?? null })),
      ),
    [status.id, data.thread.descendants],
  );
  const hasAncestors = ancestors.length > 0;
  useEffect(() => {
    // Opened below what it answers, the post comes into view rather than the thread's start.
    if (hasAncestors) list.current?.querySelector('[aria-current="true"]')?.scrollIntoView?.({ block: 'start' });
  }, [hasAncestors, status.id]);
  const nameOf = (post: Post) => shownName(post.author);

  const stopReplying = () => {
    setReplyingTo(null);
    if (askedToReply()) window.history.replaceState(null, '', window.location.pathname);
  };

  const replyTo = (post: Post): ReplyTo => ({
    statusId: post.id,
    label: t(en.thread.replyTo, { name: nameOf(post) }),
    text: viewer !== null && post.author.id !== viewer.id ? `@${post.author.acct} ` : '',
    contentWarning: post.contentWarning,
    visibility: VISIBILITIES.includes(post.visibility as Visibility) ? (post.visibility as Visibility) : 'PUBLIC',
  });

  const composerUnder = (post: Post) =>
    replyingTo === post.id && (
      <Compose
        key={post.id}
        query={data}
        connections={[]}
        replyTo={replyTo(post)}
        onCancel={stopReplying}
        onPosted={() => {
          stopReplying();
          setFetchKey((key) => key + 1);
        }}
      />
    );

  return (
    <ReplyContext value={signedIn ? setReplyingTo : null}>
      <PageHeading title={t(en.thread.title, { name: nameOf(status) })} />
      <KeyboardHelp open={helpOpen} onClose={closeHelp} />
      <div className="thread" ref={list}>
        {ancestors.length > 0 && (
          <section className="thread__ancestors" aria-label={en.thread.ancestors}>
            {ancestors.map((post) => (
              <Fragment key={post.id}>
                <Status status={post.post} signedIn={signedIn} className="status--ancestor" />
                {composerUnder(post)}
              </Fragment>
            ))}
          </section>
        )}
        <Status status={status.post} signedIn={signedIn} focused />
        {composerUnder(status)}
        <section className="thread__replies" aria-label={en.thread.replies}>
          {descendants.length === 0 ? (
            <p className="timeline__empty">{en.thread.noReplies}</p>
          ) : (
            descendants.map((post) => (
              <Fragment key={post.id}>
                <Status status={post.post} signedIn={signedIn} className={`status--depth-${depths.get(post.id) ?? 1}`} />
                {composerUnder(post)}
              </Fragment>
            ))
          )}
          {shown.hidden > 0 && <p className="timeline__end">{t(en.thread.notShown, { count: shown.hidden })}</p>}
        </section>
      </div>
    </ReplyContext>
  );
}

// How deep each reply of a thread sits under the post the thread is opened on.

/** Deeper replies are shown at this depth, so that long threads stay readable. */
export const MAX_DEPTH = 4;

/**
 * The depth of each of `replies` (depth first, as the server lists them) below `rootId`: a
 * direct reply is 1, its reply 2, up to MAX_DEPTH; one whose parent is unknown is 1.
 */
export function replyDepths(
  rootId: string,
  replies: readonly { id: string; inReplyToId: string | null }[],
): Map<string, number> {
  const depths = new Map<string, number>([[rootId, 0]]);
  for (const reply of replies) {
    const parent = reply.inReplyToId === null ? undefined : depths.get(reply.inReplyToId);
    depths.set(reply.id, Math.min(MAX_DEPTH, (parent ?? 0) + 1));
  }
  depths.delete(rootId);
  return depths;
}

/** The most posts of a thread, besides the one opened, read at once. */
export const MAX_THREAD_POSTS = 60;

/**
 * Which of a thread's posts are shown, at most `max`: the ancestors nearest the opened post
 * (at most a third of them), then the replies in order; `hidden` counts those left out.
 */
export function threadWindow<T>(
  ancestors: readonly T[],
  replies: readonly T[],
  max: number = MAX_THREAD_POSTS,
): { ancestors: T[]; replies: T[]; hidden: number } {
  const keptAncestors = ancestors.slice(Math.max(0, ancestors.length - Math.max(Math.floor(max / 3), max - replies.length)));
  const keptReplies = replies.slice(0, max - keptAncestors.length);
  return {
    ancestors: keptAncestors,
    replies: keptReplies,
    hidden: ancestors.length - keptAncestors.length + replies.length - keptReplies.length,
  };
}

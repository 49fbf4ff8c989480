// Replies are indented by how deep they answer the post a thread is opened on.
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, replyDepths } from './thread';

describe('replyDepths', () => {
  it('counts each reply one deeper than what it answers', () => {
    const depths = replyDepths('root', [
      { id: 'a', inReplyToId: 'root' },
      { id: 'a1', inReplyToId: 'a' },
      { id: 'a1x', inReplyToId: 'a1' },
      { id: 'b', inReplyToId: 'root' },
    ]);
    expect(Object.fromEntries(depths)).toEqual({ a: 1, a1: 2, a1x: 3, b: 1 });
  });

  it('stops at the deepest shown, and puts a reply to an unseen post first in line', () => {
    const chain = Array.from({ length: MAX_DEPTH + 2 }, (_, index) => ({
      id: `r${index}`,
      inReplyToId: index === 0 ? 'root' : `r${index - 1}`,
    }));
    const depths = replyDepths('root', [...chain, { id: 'orphan', inReplyToId: 'hidden' }, { id: 'none', inReplyToId: null }]);
    expect(depths.get(`r${MAX_DEPTH + 1}`)).toBe(MAX_DEPTH);
    expect(depths.get('orphan')).toBe(1);
    expect(depths.get('none')).toBe(1);
  });
});

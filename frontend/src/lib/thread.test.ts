// Replies are indented by how deep they answer the post a thread is opened on.
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, replyDepths, threadWindow } from './thread';

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

describe('threadWindow', () => {
  const numbered = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);

  it('shows a small thread whole', () => {
    expect(threadWindow(['a0', 'a1'], ['r0'], 6)).toEqual({ ancestors: ['a0', 'a1'], replies: ['r0'], hidden: 0 });
  });

  it('keeps the ancestors nearest the post and the first replies, counting the rest', () => {
    const shown = threadWindow(numbered('a', 10), numbered('r', 10), 6);
    expect(shown.ancestors).toEqual(['a8', 'a9']);
    expect(shown.replies).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(shown.hidden).toBe(14);
  });

  it('gives the ancestors the room the replies leave', () => {
    const shown = threadWindow(numbered('a', 10), ['r0'], 6);
    expect(shown.ancestors).toEqual(['a5', 'a6', 'a7', 'a8', 'a9']);
    expect(shown.replies).toEqual(['r0']);
    expect(shown.hidden).toBe(5);
  });
});

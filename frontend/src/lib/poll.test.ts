// A poll is checked as the server checks it: two to four different options of at most 50 characters.
import { describe, expect, it } from 'vitest';
import { NEW_POLL, pollInput, pollProblem } from './poll';

describe('pollProblem', () => {
  it('needs two filled options', () => {
    expect(pollProblem(NEW_POLL)).toEqual({ kind: 'tooFew' });
    expect(pollProblem({ ...NEW_POLL, options: ['tea', '  '] })).toEqual({ kind: 'tooFew' });
    expect(pollProblem({ ...NEW_POLL, options: ['tea', 'coffee'] })).toBeNull();
  });

  it('refuses long and repeated options, naming which', () => {
    expect(pollProblem({ ...NEW_POLL, options: ['tea', 'x'.repeat(51)] })).toEqual({ kind: 'tooLong', index: 1 });
    expect(pollProblem({ ...NEW_POLL, options: ['tea', 'x'.repeat(50)] })).toBeNull();
    expect(pollProblem({ ...NEW_POLL, options: ['tea', 'coffee', ' tea '] })).toEqual({ kind: 'duplicate', index: 2 });
  });

  it('sends the filled options, trimmed', () => {
    expect(pollInput({ options: [' tea', '', 'coffee '], multiple: true, expiresInSeconds: 300 })).toEqual({
      options: ['tea', 'coffee'],
      multiple: true,
      expiresInSeconds: 300,
    });
  });
});

// Server error codes become the messages people read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { RookeryError, fromGraphQLErrors, humanMessage, messageOf } from './errors';

describe('error mapping', () => {
  it('maps known codes to their messages', () => {
    expect(humanMessage('INVALID_CREDENTIALS')).toBe(en.errors.INVALID_CREDENTIALS);
    expect(humanMessage('RATE_LIMITED', 'slow down')).toBe(en.errors.RATE_LIMITED);
  });

  it('shows the server’s words for validation errors only', () => {
    expect(humanMessage('VALIDATION', 'text is too long')).toBe('text is too long');
    expect(humanMessage('VALIDATION')).toBe(en.errors.VALIDATION);
  });

  it('has a message for every code the API names', () => {
    const schema = readFileSync(path.resolve(import.meta.dirname, '../../../schema.graphql'), 'utf8');
    const body = /enum ErrorCode \{([^}]*)\}/.exec(schema)?.[1] ?? '';
    const codes = body.replace(/"""[\s\S]*?"""/g, '').match(/\b[A-Z][A-Z_]+\b/g) ?? [];
    expect(codes.length).toBeGreaterThan(20);
    expect(codes.filter((code) => !(code in en.errors))).toEqual([]);
  });

  it('falls back for codes it does not know', () => {
    expect(humanMessage('SOMETHING_NEW')).toBe(en.errors.INTERNAL);
  });

  it('reads the first GraphQL error', () => {
    const error = fromGraphQLErrors([
      { message: 'no', extensions: { code: 'FORBIDDEN' } },
      { message: 'other', extensions: { code: 'INTERNAL' } },
    ]);
    expect(error).toBeInstanceOf(RookeryError);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe(en.errors.FORBIDDEN);
    expect(fromGraphQLErrors([{ message: 'x' }]).code).toBe('INTERNAL');
  });

  it('says the network failed when fetch did', () => {
    expect(messageOf(new TypeError('Failed to fetch'))).toBe(en.errors.NETWORK);
    expect(messageOf(new RookeryError('NOT_FOUND'))).toBe(en.errors.NOT_FOUND);
  });

  it('uses a page’s own words for the codes it names', () => {
    const instead = { FORBIDDEN: 'That link is used.' };
    expect(messageOf(new RookeryError('FORBIDDEN'), instead)).toBe('That link is used.');
    expect(messageOf({ source: { errors: [{ extensions: { code: 'FORBIDDEN' } }] } }, instead)).toBe(
      'That link is used.',
    );
    expect(messageOf(new RookeryError('RATE_LIMITED'), instead)).toBe(en.errors.RATE_LIMITED);
    expect(messageOf(new RookeryError('VALIDATION', 'name', 'name: 1 to 100 characters'), instead)).toBe(
      'name: 1 to 100 characters',
    );
  });
});

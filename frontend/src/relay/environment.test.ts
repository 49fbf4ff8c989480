// Which responses Relay gets, and which become errors people read.
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { checkResponse } from './environment';
import { RookeryError } from './errors';

describe('checkResponse', () => {
  it('passes data through', () => {
    const body = { data: { viewer: null } };
    expect(checkResponse(body, false)).toBe(body);
  });

  it('keeps partial data of a query', () => {
    const body = { data: { a: 1 }, errors: [{ message: 'x', extensions: { code: 'NOT_FOUND' } }] };
    expect(checkResponse(body, false)).toBe(body);
  });

  it('throws errors without data, and every error of a mutation', () => {
    const denied = { message: 'no', extensions: { code: 'FORBIDDEN' } };
    expect(() => checkResponse({ data: null, errors: [denied] }, false)).toThrow(en.errors.FORBIDDEN);
    expect(() => checkResponse({ data: { a: 1 }, errors: [denied] }, true)).toThrow(RookeryError);
  });
});

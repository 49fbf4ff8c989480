// Which responses Relay gets, and which become errors people read.
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { checkResponse, dataIdOf } from './environment';
import { RookeryError } from './errors';

describe('checkResponse', () => {
  it('passes data through', () => {
    const body = { data: { viewer: null } };
    expect(checkResponse(body, false)).toBe(body);
  });

  it('keeps partial data of a query', () => {
    const body = {
      data: { a: 1, b: { c: null } },
      errors: [{ message: 'x', path: ['b', 'c'], extensions: { code: 'NOT_FOUND' } }],
    };
    expect(checkResponse(body, false)).toBe(body);
  });

  it('throws the error of a top-level field the data lacks', () => {
    // The server leaves out a failed top-level field and answers the others.
    const missing = { message: 'gone', path: ['status'], extensions: { code: 'NOT_FOUND' } };
    expect(() => checkResponse({ data: { instance: {} }, errors: [missing] }, false)).toThrow(en.errors.NOT_FOUND);
    expect(() => checkResponse({ data: { instance: {}, status: null }, errors: [missing] }, false)).toThrow(RookeryError);
  });

  it('throws errors without data, and every error of a mutation', () => {
    const denied = { message: 'no', extensions: { code: 'FORBIDDEN' } };
    expect(() => checkResponse({ data: null, errors: [denied] }, false)).toThrow(en.errors.FORBIDDEN);
    expect(() => checkResponse({ data: { a: 1 }, errors: [denied] }, true)).toThrow(RookeryError);
  });
});

describe('dataIdOf', () => {
  it('keeps records by their id, and a moderator’s view of an account apart from the account', () => {
    expect(dataIdOf({ id: 'QWNjb3VudDox' }, 'Account')).toBe('QWNjb3VudDox');
    expect(dataIdOf({ id: 'QWNjb3VudDox' }, 'AdminAccount')).toBe('AdminAccount:QWNjb3VudDox');
    expect(dataIdOf({ name: 'x' }, 'Instance')).toBeUndefined();
  });
});

// Small rules of the blocks and webhooks pages.
import { describe, expect, it } from 'vitest';
import { withDomain } from './BlockedSettings';
import { eventsOffered } from './WebhooksSettings';

describe('withDomain', () => {
  it('adds a blocked server in alphabetical order, once', () => {
    expect(withDomain(['a.example', 'c.example'], 'b.example', true)).toEqual(['a.example', 'b.example', 'c.example']);
    expect(withDomain(['a.example'], 'a.example', true)).toEqual(['a.example']);
  });

  it('takes an unblocked server out', () => {
    expect(withDomain(['a.example', 'b.example'], 'a.example', false)).toEqual(['b.example']);
  });
});

describe('eventsOffered', () => {
  it('offers new accounts and reports to instance-wide webhooks only', () => {
    expect(eventsOffered(false)).toEqual(['STATUS_CREATED', 'STATUS_UPDATED', 'STATUS_DELETED']);
    expect(eventsOffered(true)).toContain('ACCOUNT_CREATED');
    expect(eventsOffered(true)).toContain('REPORT_CREATED');
  });
});

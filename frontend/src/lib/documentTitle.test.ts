// The title bar: the page's name, and the unread notifications before it.
import { afterEach, describe, expect, it } from 'vitest';
import { composeTitle, setPageTitle, setUnreadCount } from './documentTitle';

describe('composeTitle', () => {
  it('puts the unread count first, and nothing when there is none', () => {
    expect(composeTitle('Rookery', 3)).toBe('(3) Rookery');
    expect(composeTitle('Home · Rookery', 12)).toBe('(12) Home · Rookery');
    expect(composeTitle('Rookery', 0)).toBe('Rookery');
  });

  it('shows a large count as 99+', () => {
    expect(composeTitle('Rookery', 100)).toBe('(99+) Rookery');
  });
});

describe('the document title', () => {
  afterEach(() => {
    setUnreadCount(0);
    setPageTitle('Rookery');
  });

  it('keeps the count when the page changes, and drops it when read', () => {
    setPageTitle('Home · Rookery');
    setUnreadCount(2);
    expect(document.title).toBe('(2) Home · Rookery');
    setPageTitle('Local timeline · Rookery');
    expect(document.title).toBe('(2) Local timeline · Rookery');
    setUnreadCount(3);
    expect(document.title).toBe('(3) Local timeline · Rookery');
    setUnreadCount(0);
    expect(document.title).toBe('Local timeline · Rookery');
  });
});

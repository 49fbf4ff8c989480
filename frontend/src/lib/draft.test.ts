// Drafts are kept per account in the tab's storage, read back leniently and forgotten when empty.
import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, clearDraft, loadDraft, saveDraft } from './draft';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('drafts', () => {
  it('keeps the text, content warning and visibility of each account apart', () => {
    const storage = memoryStorage();
    const draft = { text: 'half a thought', contentWarning: 'birds', warn: true, visibility: 'UNLISTED' };
    saveDraft('alice', draft, storage);
    expect(loadDraft('alice', storage)).toEqual(draft);
    expect(loadDraft('bob', storage)).toEqual(EMPTY_DRAFT);
  });

  it('forgets a draft when it is cleared or emptied', () => {
    const storage = memoryStorage();
    saveDraft('alice', { ...EMPTY_DRAFT, text: 'x' }, storage);
    clearDraft('alice', storage);
    expect(storage.length).toBe(0);
    saveDraft('alice', { ...EMPTY_DRAFT, text: 'x' }, storage);
    saveDraft('alice', EMPTY_DRAFT, storage);
    expect(storage.length).toBe(0);
  });

  it('reads a damaged draft as what it can', () => {
    const storage = memoryStorage();
    storage.setItem('rookery.draft.alice', '{"text": 3, "warn": "yes", "visibility": "DIRECT"}');
    expect(loadDraft('alice', storage)).toEqual({ ...EMPTY_DRAFT, visibility: 'DIRECT' });
    storage.setItem('rookery.draft.alice', 'not json');
    expect(loadDraft('alice', storage)).toEqual(EMPTY_DRAFT);
  });
});

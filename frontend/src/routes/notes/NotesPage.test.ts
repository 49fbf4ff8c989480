// What the notes filters ask the server for.
import { describe, expect, it } from 'vitest';
import { notesVariables } from './NotesPage';

const none = { text: '', tag: '', pinned: 'any', archived: 'hide' } as const;

describe('notesVariables', () => {
  it('asks for pinned and other notes, archived ones left out, by default', () => {
    expect(notesVariables(none)).toEqual({ text: null, tag: null, archived: false, showPinned: true, showOthers: true });
  });

  it('takes a tag with or without its #, and text without surrounding spaces', () => {
    expect(notesVariables({ ...none, tag: ' #Birds ', text: ' rook ' })).toMatchObject({ tag: 'Birds', text: 'rook' });
    expect(notesVariables({ ...none, tag: '#' }).tag).toBeNull();
  });

  it('shows one list when pinned or not pinned is chosen', () => {
    expect(notesVariables({ ...none, pinned: 'pinned' })).toMatchObject({ showPinned: true, showOthers: false });
    expect(notesVariables({ ...none, pinned: 'unpinned' })).toMatchObject({ showPinned: false, showOthers: true });
  });

  it('asks for archived ones only, or for both', () => {
    expect(notesVariables({ ...none, archived: 'only' }).archived).toBe(true);
    expect(notesVariables({ ...none, archived: 'also' }).archived).toBeNull();
  });
});

// The composer's unsent text, kept in this tab's sessionStorage so that it survives a reload.

export interface Draft {
  text: string;
  contentWarning: string;
  warn: boolean;
  visibility: string;
}

export const EMPTY_DRAFT: Draft = { text: '', contentWarning: '', warn: false, visibility: 'PUBLIC' };

function keyFor(account: string): string {
  return `rookery.draft.${account}`;
}

/** The draft `account` left in this tab, or the empty one. */
export function loadDraft(account: string, storage: Storage = sessionStorage): Draft {
  try {
    const raw = storage.getItem(keyFor(account));
    if (raw === null) return EMPTY_DRAFT;
    const saved = JSON.parse(raw) as Partial<Record<keyof Draft, unknown>>;
    return {
      text: typeof saved.text === 'string' ? saved.text : '',
      contentWarning: typeof saved.contentWarning === 'string' ? saved.contentWarning : '',
      warn: saved.warn === true,
      visibility: typeof saved.visibility === 'string' ? saved.visibility : EMPTY_DRAFT.visibility,
    };
  } catch {
    return EMPTY_DRAFT;
  }
}

/** Keeps `draft` for `account`; an empty one is forgotten. */
export function saveDraft(account: string, draft: Draft, storage: Storage = sessionStorage): void {
  try {
    if (draft.text === '' && draft.contentWarning === '' && !draft.warn && draft.visibility === EMPTY_DRAFT.visibility) {
      storage.removeItem(keyFor(account));
    } else {
      storage.setItem(keyFor(account), JSON.stringify(draft));
    }
  } catch {
    // Storage full or refused: the draft lives only in this page.
  }
}

export function clearDraft(account: string, storage: Storage = sessionStorage): void {
  try {
    storage.removeItem(keyFor(account));
  } catch {
    // Nothing kept.
  }
}

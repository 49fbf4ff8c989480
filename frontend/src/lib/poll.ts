// A poll as the composer holds it, and what is wrong with it before the server is asked.

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 4;
export const MAX_OPTION_CHARS = 50;

/** How long a poll may run, in seconds, as offered. */
export const DURATIONS = [300, 1800, 3600, 21600, 86400, 259200, 604800] as const;

export interface PollDraft {
  options: string[];
  multiple: boolean;
  expiresInSeconds: number;
}

export const NEW_POLL: PollDraft = { options: ['', ''], multiple: false, expiresInSeconds: 86400 };

export type PollProblem =
  | { kind: 'tooFew' }
  | { kind: 'tooLong'; index: number }
  | { kind: 'duplicate'; index: number };

/** The first thing the server would refuse in `poll`, or null when it may be posted. */
export function pollProblem(poll: PollDraft): PollProblem | null {
  const options = poll.options.map((option) => option.trim());
  const filled = options.filter((option) => option !== '');
  if (filled.length < MIN_OPTIONS) return { kind: 'tooFew' };
  const seen = new Set<string>();
  for (const [index, option] of options.entries()) {
    if (option === '') continue;
    if ([...option].length > MAX_OPTION_CHARS) return { kind: 'tooLong', index };
    if (seen.has(option)) return { kind: 'duplicate', index };
    seen.add(option);
  }
  return null;
}

/** The poll as `createStatus` takes it: options trimmed, empty ones left out. */
export function pollInput(poll: PollDraft): { options: string[]; multiple: boolean; expiresInSeconds: number } {
  return {
    options: poll.options.map((option) => option.trim()).filter((option) => option !== ''),
    multiple: poll.multiple,
    expiresInSeconds: poll.expiresInSeconds,
  };
}

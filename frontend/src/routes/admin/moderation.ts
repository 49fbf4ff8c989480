// What a moderator may do to an account, and the reasons offered for it.

/** The actions `moderateAccount` takes, the mildest first. */
export const accountActions = ['WARN', 'SENSITIVE', 'DISABLE', 'LIMIT', 'SUSPEND'] as const;
export type AccountActionName = (typeof accountActions)[number];

/** The actions a report's page offers at once. */
export const reportActions = ['WARN', 'LIMIT', 'SUSPEND'] as const satisfies readonly AccountActionName[];

/** The restrictions `liftAccountAction` lifts (a warning is only a strike: nothing to lift). */
export type LiftableAction = Exclude<AccountActionName, 'WARN'>;

/** What holds of an account now. */
export interface AccountState {
  local: boolean;
  sensitive: boolean;
  disabled: boolean;
  limited: boolean;
  suspended: boolean;
}

const inForce: Record<LiftableAction, (state: AccountState) => boolean> = {
  SENSITIVE: (state) => state.sensitive,
  DISABLE: (state) => state.disabled,
  LIMIT: (state) => state.limited,
  SUSPEND: (state) => state.suspended,
};

/**
 * The actions that may be taken on an account: a warning always, a restriction only when it
 * is not already in force, and disabling sign-in only for a local account.
 */
export function availableActions(state: AccountState, offered: readonly AccountActionName[] = accountActions): AccountActionName[] {
  return offered.filter((action) => {
    if (action === 'WARN') return true;
    if (action === 'DISABLE' && !state.local) return false;
    return !inForce[action](state);
  });
}

/** The restrictions in force on an account, each of which may be lifted, strongest first. */
export function liftableActions(state: AccountState): LiftableAction[] {
  const order: LiftableAction[] = ['SUSPEND', 'DISABLE', 'LIMIT', 'SENSITIVE'];
  return order.filter((action) => inForce[action](state));
}

/** The common reasons offered for an action; `other` is the moderator's own words alone. */
export const reasonPresets = ['spam', 'harassment', 'rules', 'illegal', 'impersonation', 'other'] as const;
export type ReasonPreset = (typeof reasonPresets)[number];

/** The reason first chosen for a report of `category`. */
export function presetForCategory(category: string | null): ReasonPreset {
  switch (category) {
    case 'SPAM':
      return 'spam';
    case 'LEGAL':
      return 'illegal';
    case 'VIOLATION':
      return 'rules';
    default:
      return 'other';
  }
}

/**
 * The reason the account's owner reads: the preset's words (`presetText`, empty for none),
 * then the moderator's own, if any ("Spam: links to a shop").
 */
export function reasonText(presetText: string, details: string): string {
  const own = details.trim();
  if (presetText === '') return own;
  return own === '' ? presetText : `${presetText}: ${own}`;
}

/** `text` cut to at most `max` characters on a word, with an ellipsis when cut; one line. */
export function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

// The name an account goes by on screen: its display name, or its username without one.

/** `account`'s display name, or its username when the display name is empty. */
export function shownName(account: { readonly username: string; readonly displayName: string }): string {
  return account.displayName === '' ? account.username : account.displayName;
}

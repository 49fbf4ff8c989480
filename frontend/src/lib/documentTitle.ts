// The document title: the page's name, after the count of unread notifications ("(3) Home · Rookery").

/** `title` with `unread` before it, when there are any. */
export function composeTitle(title: string, unread: number): string {
  if (unread <= 0) return title;
  return `(${unread > 99 ? '99+' : unread}) ${title}`;
}

let pageTitle = typeof document === 'undefined' ? '' : document.title;
let unreadCount = 0;

function write(): void {
  document.title = composeTitle(pageTitle, unreadCount);
}

/** Names the page shown (set by each page's heading). */
export function setPageTitle(title: string): void {
  pageTitle = title;
  write();
}

/** The viewer's unread notifications, shown before the page's name. */
export function setUnreadCount(count: number): void {
  unreadCount = count;
  write();
}

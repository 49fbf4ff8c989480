// Where a reply is written: a page that shows a composer under a post provides where to open it.
import { createContext, useContext } from 'react';

/** Opens the reply composer under the status `statusId`; null where no page provides one. */
export const ReplyContext = createContext<((statusId: string) => void) | null>(null);

export function useReplyHere(): ((statusId: string) => void) | null {
  return useContext(ReplyContext);
}

/** The query that asks a status page to open its composer at once. */
export const REPLY_QUERY = 'reply';

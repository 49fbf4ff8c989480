// The signed-in state of this tab: starting afresh after signing in or out.
import { createContext, useContext } from 'react';

export interface Session {
  /** Drops everything fetched so far and reads the viewer again. */
  restart: () => void;
}

export const SessionContext = createContext<Session>({ restart: () => undefined });

export function useSession(): Session {
  return useContext(SessionContext);
}

export interface Viewer {
  id: string;
  acct: string;
}

export const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in account, or null for a reader who is not signed in. */
export function useViewer(): Viewer | null {
  return useContext(ViewerContext);
}

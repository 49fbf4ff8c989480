// Messages for everyone: shown at the bottom of the page and read out by screen readers.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from '../i18n/en';

interface Message {
  id: number;
  text: string;
}

const AnnounceContext = createContext<(text: string) => void>(() => undefined);

/** Shows `text` for a few seconds. */
export function useAnnounce(): (text: string) => void {
  return useContext(AnnounceContext);
}

const SHOWN_MS = 6000;

export function Announcer({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const announce = useCallback((text: string) => {
    setMessages((shown) => [...shown.slice(-2), { id: Date.now() + Math.random(), text }]);
  }, []);
  const dismiss = useCallback((id: number) => {
    setMessages((shown) => shown.filter((message) => message.id !== id));
  }, []);
  useEffect(() => {
    if (messages.length === 0) return undefined;
    const timer = window.setTimeout(() => setMessages((shown) => shown.slice(1)), SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [messages]);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnounceContext value={value}>
      {children}
      <div className="announcer" role="status" aria-live="polite">
        {messages.map((message) => (
          <div className="announcer__message" key={message.id}>
            <span>{message.text}</span>
            <button type="button" className="button button--quiet" onClick={() => dismiss(message.id)}>
              {en.app.dismiss}
            </button>
          </div>
        ))}
      </div>
    </AnnounceContext>
  );
}

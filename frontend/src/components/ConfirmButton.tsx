// A button for something that cannot be undone: it asks first, then acts on a second press.
import { useEffect, useRef, useState } from 'react';
import { en } from '../i18n/en';

interface Props {
  /** The first button's text ("Delete"). */
  label: string;
  /** What is asked before acting. */
  question: string;
  /** The button that acts ("Delete Work"). */
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
}

export function ConfirmButton({ label, question, confirmLabel, busy = false, onConfirm }: Props) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);

  useEffect(() => {
    if (asking) confirm.current?.focus();
    else if (returnFocus) first.current?.focus();
  }, [asking, returnFocus]);

  if (!asking) {
    return (
      <button type="button" ref={first} className="button button--small" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={question}>
      <p className="confirm__question">{question}</p>
      <button ref={confirm} type="button" className="button button--small button--danger" disabled={busy} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button
        type="button"
        className="button button--small button--quiet"
        onClick={() => {
          setReturnFocus(true);
          setAsking(false);
        }}
      >
        {en.confirm.cancel}
      </button>
    </div>
  );
}

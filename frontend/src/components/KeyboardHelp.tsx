// The list of timeline keyboard shortcuts, in a modal dialog that gives focus back on close.
import { useEffect, useId, useRef } from 'react';
import { en } from '../i18n/en';

const rows: readonly { keys: readonly string[]; what: string }[] = [
  { keys: ['j'], what: en.keyboard.next },
  { keys: ['k'], what: en.keyboard.previous },
  { keys: ['o', 'Enter'], what: en.keyboard.open },
  { keys: ['f'], what: en.keyboard.favourite },
  { keys: ['b'], what: en.keyboard.boost },
  { keys: ['?'], what: en.keyboard.help },
];

export function KeyboardHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      if (typeof element.showModal === 'function') element.showModal();
      else element.setAttribute('open', '');
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  const closed = () => {
    onClose();
    const back = returnTo.current;
    returnTo.current = null;
    if (back?.isConnected === true) back.focus();
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={closed}>
      <h2 id={titleId} className="dialog__title">
        {en.keyboard.title}
      </h2>
      <p>{en.keyboard.intro}</p>
      <dl className="shortcuts">
        {rows.map((row) => (
          <div key={row.what} className="shortcuts__row">
            <dt>
              {row.keys.map((key, index) => (
                <span key={key}>
                  {index > 0 && ` ${en.keyboard.or} `}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{row.what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="actions">
        <button type="submit" className="button">
          {en.keyboard.close}
        </button>
      </form>
    </dialog>
  );
}

// The keyboard shortcuts for timelines and threads, in a modal dialog that gives focus back on close.
import { en } from '../i18n/en';
import { Dialog } from './Dialog';

const rows: readonly { keys: readonly string[]; what: string }[] = [
  { keys: ['j'], what: en.keyboard.next },
  { keys: ['k'], what: en.keyboard.previous },
  { keys: ['o', 'Enter'], what: en.keyboard.open },
  { keys: ['r'], what: en.keyboard.reply },
  { keys: ['f'], what: en.keyboard.favourite },
  { keys: ['b'], what: en.keyboard.boost },
  { keys: ['?'], what: en.keyboard.help },
];

export default function KeyboardHelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title={en.keyboard.title}>
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
    </Dialog>
  );
}

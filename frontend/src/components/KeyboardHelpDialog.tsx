// The keyboard shortcuts for timelines and threads, in a modal dialog that gives focus back on close.
import { pageText } from '../i18n/pageText';
import { Dialog } from './Dialog';

const rows: readonly { keys: readonly string[]; what: string }[] = [
  { keys: ['j'], what: pageText.keyboard.next },
  { keys: ['k'], what: pageText.keyboard.previous },
  { keys: ['o', 'Enter'], what: pageText.keyboard.open },
  { keys: ['r'], what: pageText.keyboard.reply },
  { keys: ['f'], what: pageText.keyboard.favourite },
  { keys: ['b'], what: pageText.keyboard.boost },
  { keys: ['?'], what: pageText.keyboard.help },
];

export default function KeyboardHelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title={pageText.keyboard.title}>
      <p>{pageText.keyboard.intro}</p>
      <dl className="shortcuts">
        {rows.map((row) => (
          <div key={row.what} className="shortcuts__row">
            <dt>
              {row.keys.map((key, index) => (
                <span key={key}>
                  {index > 0 && ` ${pageText.keyboard.or} `}
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
          {pageText.keyboard.close}
        </button>
      </form>
    </Dialog>
  );
}

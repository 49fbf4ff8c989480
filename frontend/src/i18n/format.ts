// Fills an ICU-style message: `{name}` arguments and `{count, plural, one {…} other {…}}`.

export type MessageValues = Record<string, string | number>;

const plurals = new Intl.PluralRules('en');
const numbers = new Intl.NumberFormat('en');

/** The index just past the brace that closes the one opened at `open`. */
function closing(message: string, open: number): number {
  let depth = 0;
  for (let at = open; at < message.length; at += 1) {
    if (message[at] === '{') depth += 1;
    else if (message[at] === '}') {
      depth -= 1;
      if (depth === 0) return at + 1;
    }
  }
  throw new Error(`Unclosed brace in message: ${message}`);
}

function plural(body: string, count: number): string {
  const category = plurals.select(count);
  const choices = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const open = body.indexOf('{', at);
    if (open < 0) break;
    const key = body.slice(at, open).trim();
    const end = closing(body, open);
    choices.set(key, body.slice(open + 1, end - 1));
    at = end;
  }
  const chosen = choices.get(`=${count}`) ?? choices.get(category) ?? choices.get('other') ?? '';
  return chosen.replaceAll('#', numbers.format(count));
}

/** `message` with its arguments filled from `values`. */
export function format(message: string, values: MessageValues = {}): string {
  let out = '';
  let at = 0;
  while (at < message.length) {
    const open = message.indexOf('{', at);
    if (open < 0) {
      out += message.slice(at);
      break;
    }
    out += message.slice(at, open);
    const end = closing(message, open);
    const inner = message.slice(open + 1, end - 1);
    const [name = '', kind, ...rest] = inner.split(',');
    const value = values[name.trim()];
    if (kind !== undefined && kind.trim() === 'plural') {
      out += plural(rest.join(','), Number(value ?? 0));
    } else {
      out += value === undefined ? '' : typeof value === 'number' ? numbers.format(value) : value;
    }
    at = end;
  }
  return out;
}

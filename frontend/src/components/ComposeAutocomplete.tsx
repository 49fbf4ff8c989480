// Completing @mentions and #hashtags in the composer from `search`: a listbox the text field
// controls (arrow keys move, Enter or Tab completes, Escape closes).
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { graphql, useRelayEnvironment } from 'react-relay/hooks';
import { fetchQuery } from 'relay-runtime';
import { t } from '../i18n/en';
import { composeText } from '../i18n/composeText';
import { acctMatches, complete, moveActive, searchTermOf, typedAt, type Typed } from '../lib/autocomplete';
import type { ComposeAutocompleteQuery } from './__generated__/ComposeAutocompleteQuery.graphql';
import { shownName } from '../lib/shownName';

const searchQuery = graphql`
  query ComposeAutocompleteQuery($query: String!, $type: SearchType!) {
    search(query: $query, type: $type, first: 1) {
      accounts {
        id
        acct
        username
        displayName
      }
      hashtags {
        name
      }
    }
  }
`;

const MAX_SUGGESTIONS = 6;
const DELAY_MS = 150;

interface Suggestion {
  /** What goes after the `@` or `#`. */
  value: string;
  label: string;
}

/**
 * Suggestions for the mention or hashtag at the caret of a text field; `attributes` go on
 * the field, `listbox` after it.
 */
export function useAutocomplete(text: string, setText: (text: string) => void, field: HTMLTextAreaElement | null) {
  const environment = useRelayEnvironment();
  const id = useId();
  const [typed, setTyped] = useState<Typed | null>(null);
  const [found, setFound] = useState<{ key: string; suggestions: Suggestion[] } | null>(null);
  const [active, setActive] = useState(-1);
  const [dismissed, setDismissed] = useState<string | null>(null);

  const track = () => {
    if (field === null) return;
    setTyped(typedAt(field.value, field.selectionStart));
  };

  const typedKey = typed === null ? null : `${typed.kind}:${typed.start}:${typed.query}`;
  const suggestions = found !== null && found.key === typedKey ? found.suggestions : [];
  useEffect(() => {
    if (typed === null || typedKey === null || searchTermOf(typed) === '') return undefined;
    let current = true;
    const timer = window.setTimeout(() => {
      const type = typed.kind === 'mention' ? 'ACCOUNTS' : 'HASHTAGS';
      fetchQuery<ComposeAutocompleteQuery>(environment, searchQuery, { query: searchTermOf(typed), type }, { fetchPolicy: 'network-only' })
        .toPromise()
        .then(
          (answer) => {
            if (!current || answer === undefined) return;
            const offered: Suggestion[] =
              typed.kind === 'mention'
                ? answer.search.accounts
                    .filter((account) => acctMatches(account.acct, typed))
                    .map((account) => ({
                      value: account.acct,
                      label: `${shownName(account)} @${account.acct}`,
                    }))
                : answer.search.hashtags.map((tag) => ({ value: tag.name, label: `#${tag.name}` }));
            setFound({ key: typedKey, suggestions: offered.slice(0, MAX_SUGGESTIONS) });
            setActive(-1);
          },
          () => undefined,
        );
    }, DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
    // `typedKey` names what `typed` holds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [typedKey, environment]);

  const open = typed !== null && suggestions.length > 0 && dismissed !== typedKey;
  const optionId = (index: number) => `${id}-option-${index}`;

  const choose = (index: number) => {
    const chosen = suggestions[index];
    if (typed === null || chosen === undefined || field === null) return;
    const next = complete(text, typed, chosen.value);
    setText(next.text);
    setTyped(null);
    setFound(null);
    requestAnimationFrame(() => {
      field.focus();
      field.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(moveActive(active, suggestions.length, event.key));
    } else if ((event.key === 'Enter' || event.key === 'Tab') && active >= 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setDismissed(typedKey);
    }
  };

  const attributes = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': open ? `${id}-listbox` : undefined,
    'aria-activedescendant': open && active >= 0 ? optionId(active) : undefined,
    onKeyDown,
    onSelect: track,
    onKeyUp: track,
  };

  const listbox = (
    <>
      {open && (
        <div id={`${id}-listbox`} role="listbox" className="autocomplete" aria-label={composeText.compose.suggestions}>
          {suggestions.map((suggestion, index) => (
            <div
              key={suggestion.value}
              id={optionId(index)}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              className="autocomplete__option"
              onMouseDown={(event) => {
                // Keeps the caret in the text field.
                event.preventDefault();
                choose(index);
              }}
            >
              {suggestion.label}
            </div>
          ))}
        </div>
      )}
      <span className="visually-hidden" aria-live="polite">
        {open ? t(composeText.compose.suggestionsCount, { count: suggestions.length }) : ''}
      </span>
    </>
  );

  return { attributes, listbox, track };
}

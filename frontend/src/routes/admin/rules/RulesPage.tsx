// The server's rules as an ordered list to edit: add, change a rule's text and explanation,
// move one up or down, remove one; saved all at once, existing rules keeping their ids.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import { useAnnounce } from '../../../components/Announcer';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { adminSettingsText } from '../../../i18n/adminSettingsText';
import { t } from '../../../i18n/en';
import { addRule, editRule, moveRule, removeRule, rowsOf, rulesChanged, rulesInput, type RuleRow } from '../../../lib/ruleList';
import { messageOf } from '../../../relay/errors';
import type { RulesPageQuery } from './__generated__/RulesPageQuery.graphql';
import type { RulesPageSaveMutation } from './__generated__/RulesPageSaveMutation.graphql';

const pageQuery = graphql`
  query RulesPageQuery {
    instance {
      rules {
        id
        text
        hint
      }
    }
  }
`;

const saveMutation = graphql`
  mutation RulesPageSaveMutation($rules: [InstanceRuleInput!]!) {
    setInstanceRules(input: { rules: $rules }) {
      rules {
        id
        text
        hint
      }
    }
  }
`;

const text = adminSettingsText.rules;

/** Which control to focus once the rows have moved: a row's button, or the add button. */
type FocusTarget = { key: number; control: 'up' | 'down' | 'text' } | 'add' | null;

/** The form over the rules as saved; exported for its tests. */
export function RulesForm({ saved }: { saved: readonly { id: string; text: string; hint: string }[] }) {
  const [rows, setRows] = useState<RuleRow[]>(() => rowsOf(saved));
  // The rules as the server last said they are.
  const [baseline, setBaseline] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const focus = useRef<FocusTarget>(null);
  const [commit, busy] = useMutation<RulesPageSaveMutation>(saveMutation);
  const announce = useAnnounce();
  const controls = useRef(new Map<string, HTMLElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;

  // Rows moved or removed: the focus goes where the handler asked, once they are in place.
  useEffect(() => {
    const target = focus.current;
    focus.current = null;
    if (target === 'add') addButton.current?.focus();
    else if (target !== null) controls.current.get(`${target.key}-${target.control}`)?.focus();
  }, [rows]);

  const register = (key: number, control: 'up' | 'down' | 'text') => (element: HTMLElement | null) => {
    if (element === null) controls.current.delete(`${key}-${control}`);
    else controls.current.set(`${key}-${control}`, element);
  };

  const change = (next: RuleRow[]) => {
    setRows(next);
    setDone(false);
  };

  const move = (index: number, by: number) => {
    const row = rows[index];
    if (row === undefined) return;
    const next = moveRule(rows, index, by);
    change(next);
    const to = index + by;
    // Stays on the button pressed, unless the rule reached the end it was moving to.
    const atEnd = (by < 0 && to === 0) || (by > 0 && to === next.length - 1);
    focus.current = { key: row.key, control: atEnd ? (by < 0 ? 'down' : 'up') : by < 0 ? 'up' : 'down' };
    announce(t(text.moved, { number: to + 1 }));
  };

  const remove = (index: number) => {
    const row = rows[index];
    if (row === undefined) return;
    const next = removeRule(rows, row.key);
    change(next);
    const neighbour = next[Math.min(index, next.length - 1)];
    focus.current = neighbour === undefined ? 'add' : { key: neighbour.key, control: 'text' };
    announce(t(text.removed, { number: index + 1 }));
  };

  const add = () => {
    const next = addRule(rows);
    change(next);
    const added = next[next.length - 1];
    if (added !== undefined) focus.current = { key: added.key, control: 'text' };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(false);
    commit({
      variables: { rules: rulesInput(rows) },
      updater: (store) => {
        const rules = store.getRootField('setInstanceRules')?.getLinkedRecords('rules');
        const instance = store.getRoot().getLinkedRecord('instance');
        if (rules !== null && rules !== undefined) instance?.setLinkedRecords(rules, 'rules');
      },
      onCompleted: (response) => {
        setRows(rowsOf(response.setInstanceRules.rules));
        setBaseline(response.setInstanceRules.rules);
        setDone(true);
      },
      onError: (failure) => setError(messageOf(failure)),
    });
  };

  const unsaved = rulesChanged(rows, baseline);
  return (
    <form className="form" onSubmit={submit} noValidate aria-describedby={error === null ? undefined : id('error')}>
      {rows.length === 0 ? (
        <p>{text.empty}</p>
      ) : (
        <ol className="setting-items admin-rules" aria-label={text.list}>
          {rows.map((row, index) => {
            const number = index + 1;
            return (
              <li key={row.key} className="setting-item">
                <div className="field">
                  <label htmlFor={id(`text-${row.key}`)}>{t(text.text, { number })}</label>
                  <input
                    id={id(`text-${row.key}`)}
                    ref={register(row.key, 'text')}
                    className="input"
                    value={row.text}
                    required
                    aria-describedby={id('text-hint')}
                    onChange={(event) => change(editRule(rows, row.key, { text: event.target.value }))}
                  />
                </div>
                <div className="field">
                  <label htmlFor={id(`hint-${row.key}`)}>{t(text.hint, { number })}</label>
                  <textarea
                    id={id(`hint-${row.key}`)}
                    className="input"
                    rows={2}
                    value={row.hint}
                    aria-describedby={id('hint-hint')}
                    onChange={(event) => change(editRule(rows, row.key, { hint: event.target.value }))}
                  />
                </div>
                <div className="actions">
                  <button
                    type="button"
                    ref={register(row.key, 'up')}
                    className="button button--small"
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    {t(text.moveUp, { number })}
                  </button>
                  <button
                    type="button"
                    ref={register(row.key, 'down')}
                    className="button button--small"
                    disabled={index === rows.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    {t(text.moveDown, { number })}
                  </button>
                  <button type="button" className="button button--small button--quiet" onClick={() => remove(index)}>
                    {t(text.remove, { number })}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <p id={id('text-hint')} className="hint">
        {text.textHint}
      </p>
      <p id={id('hint-hint')} className="hint">
        {text.hintHint}
      </p>
      <button type="button" ref={addButton} className="button button--quiet settings__add" onClick={add}>
        {text.add}
      </button>
      <FormError id={id('error')} message={error} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? text.saving : text.save}
        </button>
        {done && !unsaved && (
          <p className="form-success" role="status">
            {text.saved}
          </p>
        )}
        {unsaved && <p className="hint">{text.unsaved}</p>}
      </div>
    </form>
  );
}

export default function RulesPage() {
  // From the server, not the store: the form starts from the rules as they are now.
  const data = useLazyLoadQuery<RulesPageQuery>(pageQuery, {}, { fetchPolicy: 'network-only' });
  return (
    <div className="panel">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      <RulesForm saved={data.instance.rules} />
    </div>
  );
}

// One's appeal of a strike: what became of it (waiting, approved, or rejected with the
// moderators' reason); or, while the strike may still be appealed, a button that opens a
// short form for why the moderators should reconsider it.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { graphql, useFragment, useMutation } from 'react-relay/hooks';
import { useAnnounce } from '../../components/Announcer';
import { FormError } from '../../components/FormError';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { rookeryErrorOf } from '../../relay/errors';
import { absoluteTime } from '../../lib/time';
import { fieldErrors } from '../admin/fieldErrors';
import type { StrikeAppeal_strike$key } from './__generated__/StrikeAppeal_strike.graphql';
import type { StrikeAppealMutation } from './__generated__/StrikeAppealMutation.graphql';

const strikeFragment = graphql`
  fragment StrikeAppeal_strike on Strike {
    id
    appealableUntil
    appeal {
      id
      text
      state
      createdAt
      decidedAt
      rejectionReason
    }
  }
`;

const appealMutation = graphql`
  mutation StrikeAppealMutation($input: AppealStrikeInput!) {
    appealStrike(input: $input) {
      strike {
        id
        ...StrikeAppeal_strike
      }
    }
  }
`;

const text = settingsText.strikes;

/** The most an appeal may say, in characters. */
export const MAX_APPEAL_CHARS = 2000;

/** What is wrong with an appeal's text before it is sent; null when nothing is. */
export function appealTextProblem(value: string): string | null {
  if (value.trim() === '') return text.appealEmpty;
  if ([...value].length > MAX_APPEAL_CHARS) return text.appealTooLong;
  return null;
}

/** Where a refusal is shown: beside the text, or under the form. */
type ErrorPlace = 'text' | 'form';

function placeOf(field: string | undefined): ErrorPlace {
  return field === 'text' ? 'text' : 'form';
}

function AppealForm({ strikeId, onSent, onCancel }: { strikeId: string; onSent: () => void; onCancel: () => void }) {
  const announce = useAnnounce();
  const [commit, busy] = useMutation<StrikeAppealMutation>(appealMutation);
  const [value, setValue] = useState('');
  const [failure, setFailure] = useState<{ place: ErrorPlace; message: string } | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;
  const { errorFor, describedBy, fieldError } = fieldErrors(failure, id);
  const remaining = MAX_APPEAL_CHARS - [...value].length;

  // The form opens on a press: its field takes the focus.
  useEffect(() => field.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = appealTextProblem(value);
    if (problem !== null) {
      setFailure({ place: 'text', message: problem });
      field.current?.focus();
      return;
    }
    setFailure(null);
    commit({
      variables: { input: { strikeId, text: value.trim() } },
      onCompleted: () => {
        announce(text.appealSent);
        onSent();
      },
      onError: (error) => {
        const known = rookeryErrorOf(error);
        setFailure({ place: placeOf(known.field), message: known.message });
      },
    });
  };

  return (
    <form className="form strike__appeal-form" onSubmit={submit} noValidate aria-label={text.appealForm}>
      <div className="field">
        <label htmlFor={id('text')}>{text.appealText}</label>
        <textarea
          id={id('text')}
          ref={field}
          className="input"
          rows={4}
          value={value}
          required
          aria-invalid={errorFor('text') !== null}
          aria-describedby={describedBy('text', 'hint')}
          onChange={(event) => setValue(event.target.value)}
        />
        <p id={id('hint')} className="hint">
          {text.appealHint}{' '}
          <span className={`counter${remaining < 0 ? ' counter--over' : ''}`}>
            {remaining < 0 ? t(text.appealOver, { over: -remaining }) : t(text.appealLeft, { remaining })}
          </span>
        </p>
        {fieldError('text')}
      </div>
      <FormError message={errorFor('form')} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? text.appealSending : text.appealSend}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {text.appealCancel}
        </button>
      </div>
    </form>
  );
}

export function StrikeAppeal({ strike: key }: { strike: StrikeAppeal_strike$key }) {
  const strike = useFragment(strikeFragment, key);
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const outcome = useRef<HTMLParagraphElement>(null);
  const appeal = strike.appeal;

  // Once sent, the form is gone: what became of the appeal takes the focus.
  useEffect(() => {
    if (sent) outcome.current?.focus();
  }, [sent]);

  if (appeal !== null && appeal !== undefined) {
    const reason = appeal.rejectionReason.trim();
    return (
      <div className={`strike__appeal strike__appeal--${appeal.state.toLowerCase()}`}>
        <p className="strike__appeal-state" ref={outcome} tabIndex={-1}>
          {appeal.state === 'APPROVED' ? text.appealApproved : appeal.state === 'REJECTED' ? text.appealRejected : text.appealPending}
        </p>
        {appeal.state === 'REJECTED' && (
          <p className="strike__reason">{reason === '' ? text.appealNoRejectionReason : t(text.appealRejectionReason, { reason })}</p>
        )}
        <p className="hint">
          <time dateTime={appeal.createdAt}>{t(text.appealedOn, { when: absoluteTime(appeal.createdAt) })}</time>
          {appeal.decidedAt !== null && appeal.decidedAt !== undefined && (
            <>
              {' · '}
              <time dateTime={appeal.decidedAt}>{t(text.appealDecidedOn, { when: absoluteTime(appeal.decidedAt) })}</time>
            </>
          )}
        </p>
        <p className="hint strike__appeal-text">{t(text.appealYouWrote, { text: appeal.text })}</p>
      </div>
    );
  }

  const until = strike.appealableUntil;
  if (until === null || until === undefined) return null;
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <div className="strike__appeal">
      <p className="strike__appeal-offer">
        <button type="button" className="button" ref={opener} aria-expanded={open} onClick={() => setOpen(!open)}>
          {text.appeal}
        </button>{' '}
        <span className="hint">{t(text.appealUntil, { when: absoluteTime(until) })}</span>
      </p>
      {open && <AppealForm strikeId={strike.id} onSent={() => setSent(true)} onCancel={close} />}
    </div>
  );
}

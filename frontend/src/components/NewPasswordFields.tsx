// A new password typed twice, each field with its error: where a password is changed or
// reset. The caller compares the two and says which field an error belongs to.

export interface NewPasswordFieldsProps {
  /** Makes the ids of the fields and their hint and errors. */
  id: (name: string) => string;
  text: { new: string; newHint: string; repeat: string };
  next: string;
  onNext: (value: string) => void;
  repeat: string;
  onRepeat: (value: string) => void;
  newError: string | null;
  repeatError: string | null;
}

function FieldError({ id, message }: { id: string; message: string | null }) {
  if (message === null) return null;
  return (
    <p id={id} className="form-error" role="alert">
      {message}
    </p>
  );
}

export function NewPasswordFields({ id, text, next, onNext, repeat, onRepeat, newError, repeatError }: NewPasswordFieldsProps) {
  return (
    <>
      <div className="field">
        <label htmlFor={id('new')}>{text.new}</label>
        <input
          id={id('new')}
          className="input"
          name="new-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={next}
          aria-invalid={newError !== null}
          aria-describedby={newError === null ? id('new-hint') : `${id('new-hint')} ${id('new-error')}`}
          onChange={(event) => onNext(event.target.value)}
        />
        <p id={id('new-hint')} className="hint">
          {text.newHint}
        </p>
        <FieldError id={id('new-error')} message={newError} />
      </div>
      <div className="field">
        <label htmlFor={id('repeat')}>{text.repeat}</label>
        <input
          id={id('repeat')}
          className="input"
          name="repeat-password"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          aria-invalid={repeatError !== null}
          aria-describedby={repeatError === null ? undefined : id('repeat-error')}
          onChange={(event) => onRepeat(event.target.value)}
        />
        <FieldError id={id('repeat-error')} message={repeatError} />
      </div>
    </>
  );
}

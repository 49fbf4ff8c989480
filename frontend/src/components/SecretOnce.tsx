// A secret the server shows once (a token's, a webhook's): to copy now, then never again.
import { useEffect, useId, useRef, useState } from 'react';
import { settingsText } from '../i18n/settingsText';

export function SecretOnce({ label, secret, onDone }: { label: string; secret: string; onDone: () => void }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const field = useRef<HTMLInputElement>(null);
  // It takes the place of the form that asked for it, and the focus with it.
  useEffect(() => field.current?.focus(), []);
  const copy = () => {
    navigator.clipboard.writeText(secret).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <div className="secret" role="region" aria-label={label}>
      <label htmlFor={`${id}-secret`}>{label}</label>
      <p id={`${id}-warning`} className="secret__warning">
        {settingsText.secret.warning}
      </p>
      <div className="secret__row">
        <input
          ref={field}
          id={`${id}-secret`}
          className="input secret__value"
          readOnly
          value={secret}
          aria-describedby={`${id}-warning`}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button" onClick={copy}>
          {settingsText.secret.copy}
        </button>
      </div>
      <p role="status" className={copied === 'failed' ? 'form-error' : 'form-success'}>
        {copied === 'yes' ? settingsText.secret.copied : copied === 'failed' ? settingsText.secret.copyFailed : ''}
      </p>
      <button type="button" className="button button--quiet secret__done" onClick={onDone}>
        {settingsText.secret.done}
      </button>
    </div>
  );
}

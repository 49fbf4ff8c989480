// Two-factor sign-in's recovery codes, which the server shows once (as SecretOnce shows a
// token's secret): each listed, to copy now, then never again.
import { useEffect, useId, useRef, useState } from 'react';
import { settingsText } from '../../i18n/settingsText';

const text = settingsText.twoFactor;

export function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // They take the place of the form that asked for them, and the focus with it.
  useEffect(() => heading.current?.focus(), []);
  const copy = () => {
    navigator.clipboard.writeText(codes.join('\n')).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <section className="secret" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1} className="section-heading">
        {text.recoveryTitle}
      </h2>
      <p id={`${id}-warning`} className="secret__warning">
        {text.recoveryWarning}
      </p>
      <ul className="recovery-codes" aria-labelledby={`${id}-title`} aria-describedby={`${id}-warning`}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="secret__row">
        <button type="button" className="button" onClick={copy}>
          {text.copyCodes}
        </button>
      </div>
      <p role="status" className={copied === 'failed' ? 'form-error' : 'form-success'}>
        {copied === 'yes' ? settingsText.secret.copied : copied === 'failed' ? settingsText.secret.copyFailed : ''}
      </p>
      <button type="button" className="button button--quiet secret__done" onClick={onDone}>
        {text.saved}
      </button>
    </section>
  );
}

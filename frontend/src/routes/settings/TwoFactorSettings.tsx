// Two-factor sign-in with an authenticator app. Off: "Set up" asks the password, then shows the
// QR code and the setup key, and a first code of the app turns it on; the ten recovery codes
// are shown this once. On: how many recovery codes are left, and new ones or turning it off,
// each with the password and a code of the app (or a recovery code). Refusals show at the
// field they are about.
import { useEffect, useId, useRef, useState, type FormEvent, type Ref } from 'react';
import { graphql, useLazyLoadQuery, useMutation } from 'react-relay/hooks';
import type { RecordSourceSelectorProxy } from 'relay-runtime';
import { useAnnounce } from '../../components/Announcer';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { t } from '../../i18n/en';
import { settingsText } from '../../i18n/settingsText';
import { rookeryErrorOf } from '../../relay/errors';
import { fieldErrors, type FieldErrors } from '../admin/fieldErrors';
import { useKeepFocus } from '../admin/useKeepFocus';
import { RecoveryCodes } from './RecoveryCodes';
import type { TwoFactorSettingsBeginMutation } from './__generated__/TwoFactorSettingsBeginMutation.graphql';
import type { TwoFactorSettingsDisableMutation } from './__generated__/TwoFactorSettingsDisableMutation.graphql';
import type { TwoFactorSettingsEnableMutation } from './__generated__/TwoFactorSettingsEnableMutation.graphql';
import type { TwoFactorSettingsQuery } from './__generated__/TwoFactorSettingsQuery.graphql';
import type { TwoFactorSettingsRegenerateMutation } from './__generated__/TwoFactorSettingsRegenerateMutation.graphql';

const pageQuery = graphql`
  query TwoFactorSettingsQuery {
    twoFactor {
      totp
      recoveryCodesLeft
    }
  }
`;

const beginMutation = graphql`
  mutation TwoFactorSettingsBeginMutation($input: BeginTotpSetupInput!) {
    beginTotpSetup(input: $input) {
      secret
      uri
      qrSvg
    }
  }
`;

const enableMutation = graphql`
  mutation TwoFactorSettingsEnableMutation($input: EnableTotpInput!) {
    enableTotp(input: $input) {
      recoveryCodes
    }
  }
`;

const disableMutation = graphql`
  mutation TwoFactorSettingsDisableMutation($input: SecondFactorCheckInput!) {
    disableTotp(input: $input) {
      disabled
    }
  }
`;

const regenerateMutation = graphql`
  mutation TwoFactorSettingsRegenerateMutation($input: SecondFactorCheckInput!) {
    regenerateRecoveryCodes(input: $input) {
      recoveryCodes
    }
  }
`;

const text = settingsText.twoFactor;

/** Where a refusal shows: beside the password or the code, or above the buttons. */
export type TwoFactorErrorPlace = 'password' | 'code' | 'form';

type Failure = { place: TwoFactorErrorPlace; message: string };

/** Where the server's refusal goes, and what it says. */
export function twoFactorFailure(failure: unknown): Failure {
  const known = rookeryErrorOf(failure);
  if (known.code === 'INVALID_CREDENTIALS') return { place: 'password', message: text.wrongPassword };
  if (known.code === 'INVALID_TWO_FACTOR_CODE') return { place: 'code', message: text.wrongCode };
  const field = known.field?.split('.').pop();
  if (known.code === 'VALIDATION' && (field === 'password' || field === 'code')) return { place: field, message: known.message };
  return { place: 'form', message: known.message };
}

/** The setup key in groups of four, for typing into an app. */
export function groupedSecret(secret: string): string {
  return secret.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? '';
}

/** The server's SVG QR code as an image address (the CSP allows `data:` images). */
export function qrImageSource(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  return `data:image/svg+xml;base64,${btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''))}`;
}

/** The viewer's two-factor state in the store, after a change the server answered. */
function storeTwoFactor(store: RecordSourceSelectorProxy, totp: boolean, recoveryCodesLeft: number): void {
  const record = store.getRoot().getLinkedRecord('twoFactor');
  record?.setValue(totp, 'totp');
  record?.setValue(recoveryCodesLeft, 'recoveryCodesLeft');
}

/** A code as typed, without spaces. */
function cleanCode(code: string): string {
  return code.replace(/\s+/g, '');
}

/** The password field of these forms, with its hint and any refusal of it. */
function PasswordField({
  id,
  errors,
  value,
  onChange,
  inputRef,
}: {
  id: (name: string) => string;
  errors: FieldErrors<TwoFactorErrorPlace>;
  value: string;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <div className="field">
      <label htmlFor={id('password')}>{text.password}</label>
      <input
        ref={inputRef}
        id={id('password')}
        className="input"
        name="current-password"
        type="password"
        autoComplete="current-password"
        required
        value={value}
        aria-invalid={errors.errorFor('password') !== null}
        aria-describedby={errors.describedBy('password', 'password-hint')}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={id('password-hint')} className="hint">
        {text.passwordHint}
      </p>
      {errors.fieldError('password')}
    </div>
  );
}

/**
 * The code field: a code of the app, or (`recovery`) a recovery code too, which is not all
 * digits: then the keyboard stays a text one.
 */
function CodeField({
  id,
  errors,
  value,
  onChange,
  recovery,
  inputRef,
}: {
  id: (name: string) => string;
  errors: FieldErrors<TwoFactorErrorPlace>;
  value: string;
  onChange: (value: string) => void;
  recovery: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <div className="field">
      <label htmlFor={id('code')}>{recovery ? text.checkCode : text.code}</label>
      <input
        ref={inputRef}
        id={id('code')}
        className="input"
        name="code"
        autoComplete="one-time-code"
        inputMode={recovery ? undefined : 'numeric'}
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        required
        value={value}
        aria-invalid={errors.errorFor('code') !== null}
        aria-describedby={errors.describedBy('code', 'code-hint')}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={id('code-hint')} className="hint">
        {text.codeHint}
      </p>
      {errors.fieldError('code')}
    </div>
  );
}

/** A form's buttons: the one that sends it, and Cancel. */
function FormButtons({ busy, label, busyLabel, onCancel }: { busy: boolean; label: string; busyLabel: string; onCancel: () => void }) {
  return (
    <div className="actions">
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {text.cancel}
      </button>
    </div>
  );
}

interface Setup {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** Off: "Set up", then the password, then the QR code and a first code. */
function TotpSetup({ onEnabled }: { onEnabled: (codes: readonly string[]) => void }) {
  const [step, setStep] = useState<'idle' | 'password' | Setup>('idle');
  const opener = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  // Cancelled, the focus goes back to the button.
  useEffect(() => {
    if (step === 'idle' && cancelled.current) opener.current?.focus();
    cancelled.current = false;
  }, [step]);
  const cancel = () => {
    cancelled.current = true;
    setStep('idle');
  };
  if (step === 'idle') {
    return (
      <p className="actions">
        <button type="button" className="button button--primary" ref={opener} onClick={() => setStep('password')}>
          {text.setUp}
        </button>
      </p>
    );
  }
  if (step === 'password') return <PasswordStep onSetUp={setStep} onCancel={cancel} />;
  return <ScanStep setup={step} onEnabled={onEnabled} onCancel={cancel} />;
}

function PasswordStep({ onSetUp, onCancel }: { onSetUp: (setup: Setup) => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [commit, busy] = useMutation<TwoFactorSettingsBeginMutation>(beginMutation);
  const field = useRef<HTMLInputElement>(null);
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;
  const errors = fieldErrors(failure, id);
  // The form opens on a press: its field takes the focus.
  useEffect(() => field.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    commit({
      variables: { input: { password } },
      onCompleted: (response) => onSetUp(response.beginTotpSetup),
      onError: (error) => setFailure(twoFactorFailure(error)),
    });
  };

  return (
    <form className="form" onSubmit={submit} aria-label={text.setUp}>
      <PasswordField id={id} errors={errors} value={password} onChange={setPassword} inputRef={field} />
      <FormError message={errors.errorFor('form')} />
      <FormButtons busy={busy} label={text.continue} busyLabel={text.checking} onCancel={onCancel} />
    </form>
  );
}

function ScanStep({ setup, onEnabled, onCancel }: { setup: Setup; onEnabled: (codes: readonly string[]) => void; onCancel: () => void }) {
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [commit, busy] = useMutation<TwoFactorSettingsEnableMutation>(enableMutation);
  const heading = useRef<HTMLHeadingElement>(null);
  const codeField = useRef<HTMLInputElement>(null);
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;
  const errors = fieldErrors(failure, id);
  // It takes the place of the password form: its heading takes the focus, read before the rest.
  useEffect(() => heading.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    commit({
      variables: { input: { code: cleanCode(code) } },
      updater: (store) => {
        const codes = store.getRootField('enableTotp')?.getValue('recoveryCodes');
        storeTwoFactor(store, true, Array.isArray(codes) ? codes.length : 0);
      },
      onCompleted: (response) => onEnabled(response.enableTotp.recoveryCodes),
      onError: (error) => {
        setFailure(twoFactorFailure(error));
        setCode('');
        codeField.current?.focus();
      },
    });
  };

  return (
    <section className="totp-setup" aria-labelledby={id('title')}>
      <h2 id={id('title')} ref={heading} tabIndex={-1} className="section-heading">
        {text.scanTitle}
      </h2>
      <p className="hint">{text.scan}</p>
      <img className="totp-setup__qr" src={qrImageSource(setup.qrSvg)} alt={text.qrAlt} />
      <div className="field">
        <label htmlFor={id('secret')}>{text.secret}</label>
        <input
          id={id('secret')}
          className="input totp-setup__secret"
          readOnly
          value={groupedSecret(setup.secret)}
          onFocus={(event) => event.target.select()}
        />
      </div>
      <p className="hint">
        <a href={setup.uri}>{text.openApp}</a>
      </p>
      <form className="form" onSubmit={submit} aria-label={text.enable}>
        <CodeField id={id} errors={errors} value={code} onChange={setCode} recovery={false} inputRef={codeField} />
        <FormError message={errors.errorFor('form')} />
        <FormButtons busy={busy} label={text.enable} busyLabel={text.enabling} onCancel={onCancel} />
      </form>
    </section>
  );
}

/** The password and a code (or a recovery code), for new recovery codes or turning it off. */
function SecondFactorForm({
  label,
  hint,
  busyLabel,
  busy,
  failure,
  onSubmit,
  onCancel,
}: {
  label: string;
  hint: string;
  busyLabel: string;
  busy: boolean;
  failure: Failure | null;
  onSubmit: (input: { password: string; code: string }) => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const baseId = useId();
  const id = (name: string) => `${baseId}-${name}`;
  const errors = fieldErrors(failure, id);
  // The form opens on a press: its first field takes the focus.
  useEffect(() => field.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ password, code: cleanCode(code) });
  };

  return (
    <form className="form" onSubmit={submit} aria-label={label} aria-describedby={id('hint')}>
      <p id={id('hint')} className="hint">
        {hint}
      </p>
      <PasswordField id={id} errors={errors} value={password} onChange={setPassword} inputRef={field} />
      <CodeField id={id} errors={errors} value={code} onChange={setCode} recovery />
      <FormError message={errors.errorFor('form')} />
      <FormButtons busy={busy} label={label} busyLabel={busyLabel} onCancel={onCancel} />
    </form>
  );
}

/** On: new recovery codes, or turning it off. */
function TotpOn({ onCodes, onOff }: { onCodes: (codes: readonly string[]) => void; onOff: () => void }) {
  const [open, setOpen] = useState<'codes' | 'off' | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [regenerate, regenerating] = useMutation<TwoFactorSettingsRegenerateMutation>(regenerateMutation);
  const [disable, disabling] = useMutation<TwoFactorSettingsDisableMutation>(disableMutation);
  const codesOpener = useRef<HTMLButtonElement>(null);
  const offOpener = useRef<HTMLButtonElement>(null);

  const toggle = (which: 'codes' | 'off') => {
    setFailure(null);
    setOpen(open === which ? null : which);
  };
  const close = () => {
    (open === 'codes' ? codesOpener : offOpener).current?.focus();
    setFailure(null);
    setOpen(null);
  };

  const makeCodes = (input: { password: string; code: string }) => {
    setFailure(null);
    regenerate({
      variables: { input },
      updater: (store) => {
        const codes = store.getRootField('regenerateRecoveryCodes')?.getValue('recoveryCodes');
        storeTwoFactor(store, true, Array.isArray(codes) ? codes.length : 0);
      },
      onCompleted: (response) => onCodes(response.regenerateRecoveryCodes.recoveryCodes),
      onError: (error) => setFailure(twoFactorFailure(error)),
    });
  };

  const turnOff = (input: { password: string; code: string }) => {
    setFailure(null);
    disable({
      variables: { input },
      updater: (store) => storeTwoFactor(store, false, 0),
      onCompleted: onOff,
      onError: (error) => setFailure(twoFactorFailure(error)),
    });
  };

  return (
    <>
      <p className="actions">
        <button type="button" className="button" ref={codesOpener} aria-expanded={open === 'codes'} onClick={() => toggle('codes')}>
          {text.newCodes}
        </button>
        <button type="button" className="button button--danger" ref={offOpener} aria-expanded={open === 'off'} onClick={() => toggle('off')}>
          {text.turnOff}
        </button>
      </p>
      {open === 'codes' && (
        <SecondFactorForm
          key="codes"
          label={text.newCodes}
          hint={text.newCodesHint}
          busyLabel={text.making}
          busy={regenerating}
          failure={failure}
          onSubmit={makeCodes}
          onCancel={close}
        />
      )}
      {open === 'off' && (
        <SecondFactorForm
          key="off"
          label={text.turnOff}
          hint={text.turnOffHint}
          busyLabel={text.turningOff}
          busy={disabling}
          failure={failure}
          onSubmit={turnOff}
          onCancel={close}
        />
      )}
    </>
  );
}

export default function TwoFactorSettings() {
  const data = useLazyLoadQuery<TwoFactorSettingsQuery>(pageQuery, {}, { fetchPolicy: 'store-and-network' });
  const announce = useAnnounce();
  // The recovery codes just made, shown until the person says they saved them.
  const [codes, setCodes] = useState<readonly string[] | null>(null);
  const { totp, recoveryCodesLeft } = data.twoFactor;
  // When the codes or the form that had focus go, the state above takes it.
  const state = useKeepFocus<HTMLParagraphElement>(`${totp} ${codes !== null}`);

  return (
    <div className="panel">
      <PageHeading title={text.title} />
      <p className="page-description">{text.intro}</p>
      <p className="two-factor__state" ref={state} tabIndex={-1}>
        {totp ? `${text.on} ${t(text.codesLeft, { count: recoveryCodesLeft })}` : text.off}
      </p>
      {codes !== null ? (
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      ) : totp ? (
        <TotpOn onCodes={setCodes} onOff={() => announce(text.turnedOff)} />
      ) : (
        <TotpSetup onEnabled={setCodes} />
      )}
    </div>
  );
}

// First-run setup: the setup link's token, the owner's account and the server's name,
// description and registration mode, claimed with one mutation; then signed in as the owner.
import { useId, useState, type FormEvent } from 'react';
import { graphql, useMutation } from 'react-relay/hooks';
import { NewAccountFields, type NewAccount } from '../../components/NewAccountFields';
import { PageHeading } from '../../components/PageHeading';
import { t } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { messageOf } from '../../relay/errors';
import { signIn } from '../../relay/session';
import { Link, navigate } from '../../router';
import { useSession } from '../../session';
import type {
  RegistrationMode,
  SetupPageClaimMutation,
} from './__generated__/SetupPageClaimMutation.graphql';

const claimMutation = graphql`
  mutation SetupPageClaimMutation($input: ClaimInstanceInput!) {
    claimInstance(input: $input) {
      account {
        id
        acct
      }
      instance {
        name
      }
    }
  }
`;

const MODES = ['OPEN', 'APPROVAL', 'CLOSED'] as const satisfies readonly RegistrationMode[];

/** A wrong or used token is FORBIDDEN: say so in the words of this page. */
const SETUP_ERRORS = { FORBIDDEN: pageText.setup.linkRefused };

export default function SetupPage({ token }: { token: string }) {
  const { restart } = useSession();
  const [claim] = useMutation<SetupPageClaimMutation>(claimMutation);
  const [account, setAccount] = useState<NewAccount>({ username: '', email: '', password: '' });
  const { username, email, password } = account;
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [mode, setMode] = useState<(typeof MODES)[number]>('APPROVAL');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Set when the server is claimed but signing in failed: the link is spent now.
  const [signInFailed, setSignInFailed] = useState<string | null>(null);
  const ids = {
    name: useId(),
    nameHint: useId(),
    description: useId(),
    descriptionHint: useId(),
    mode: useId(),
    error: useId(),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const owner = username.trim();
    claim({
      variables: {
        input: {
          token,
          username: owner,
          email: email.trim(),
          password,
          name: name.trim(),
          description: description.trim(),
          registrationMode: mode,
        },
      },
      onCompleted: () => {
        signIn(owner, password).then(
          () => {
            navigate('/', { replace: true });
            restart();
          },
          (failure: unknown) => {
            setSignInFailed(messageOf(failure));
            setBusy(false);
          },
        );
      },
      onError: (failure) => {
        setError(messageOf(failure, SETUP_ERRORS));
        setBusy(false);
      },
    });
  };

  if (signInFailed !== null) {
    return (
      <div className="panel narrow">
        <PageHeading title={pageText.setup.title} />
        <p role="alert" className="form-error">
          {t(pageText.setup.signInFailed, { reason: signInFailed })}
        </p>
        <p className="form-footer">
          <Link to="/sign-in">{pageText.setup.signInLink}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="panel narrow">
      <PageHeading title={pageText.setup.title} />
      <p className="page-description">{pageText.setup.intro}</p>
      <form
        className="form"
        onSubmit={submit}
        aria-describedby={error === null ? undefined : ids.error}
      >
        <h2 className="section-heading">{pageText.setup.ownerHeading}</h2>
        <NewAccountFields value={account} onChange={setAccount} />
        <h2 className="section-heading">{pageText.setup.serverHeading}</h2>
        <div className="field">
          <label htmlFor={ids.name}>{pageText.setup.name}</label>
          <input
            id={ids.name}
            className="input"
            name="name"
            required
            maxLength={100}
            aria-describedby={ids.nameHint}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <p id={ids.nameHint} className="hint">
            {pageText.setup.nameHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.description}>{pageText.setup.description}</label>
          <textarea
            id={ids.description}
            className="input"
            name="description"
            rows={3}
            maxLength={5000}
            aria-describedby={ids.descriptionHint}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
          <p id={ids.descriptionHint} className="hint">
            {pageText.setup.descriptionHint}
          </p>
        </div>
        <fieldset className="choices">
          <legend>{pageText.setup.registrationMode}</legend>
          {MODES.map((choice) => (
            <label key={choice} className="choice">
              <input
                type="radio"
                name={ids.mode}
                value={choice}
                checked={mode === choice}
                onChange={() => setMode(choice)}
              />
              <span>
                <span className="choice__name">{pageText.setup[choice]}</span>
                <span className="hint">{pageText.setup[`${choice}_description`]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {error !== null && (
          <p id={ids.error} className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? pageText.setup.submitting : pageText.setup.submit}
        </button>
      </form>
    </div>
  );
}

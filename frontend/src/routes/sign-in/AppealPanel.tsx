// What a disabled or suspended person sees after "See why and appeal": that the account cannot
// sign in, their strikes with what became of each appeal and the form to appeal (the settings'
// own page, over an environment of its own that sends the appeal token), and a button that
// signs that token out and goes back to the sign-in form.
import { Suspense, useId, useMemo } from 'react';
import { RelayEnvironmentProvider, graphql, useMutation } from 'react-relay/hooks';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { en } from '../../i18n/en';
import { pageText } from '../../i18n/pageText';
import { appealEnvironment, type AccountStanding } from '../../relay/appeal';
import StrikesSettings from '../settings/StrikesSettings';
import type { AppealPanelLogoutMutation } from './__generated__/AppealPanelLogoutMutation.graphql';

const logoutMutation = graphql`
  mutation AppealPanelLogoutMutation {
    logout {
      revokedTokens
    }
  }
`;

const text = pageText.signIn;

function standingText(standing: AccountStanding): string {
  return standing === 'DISABLED' || standing === 'SUSPENDED' ? text[standing] : text.otherStanding;
}

function DoneButton({ onDone }: { onDone: () => void }) {
  const [logout, busy] = useMutation<AppealPanelLogoutMutation>(logoutMutation);
  const hintId = useId();
  // Whether or not the server heard it, the token is forgotten with the panel.
  const done = () => logout({ variables: {}, onCompleted: onDone, onError: onDone });
  return (
    <div className="actions appeal-done">
      <button type="button" className="button" disabled={busy} aria-describedby={hintId} onClick={done}>
        {busy ? text.signingOut : text.done}
      </button>
      <p id={hintId} className="hint">
        {text.doneHint}
      </p>
    </div>
  );
}

export default function AppealPanel({ token, standing, onDone }: { token: string; standing: AccountStanding; onDone: () => void }) {
  const environment = useMemo(() => appealEnvironment(token), [token]);
  return (
    <RelayEnvironmentProvider environment={environment}>
      <ErrorBoundary>
        <Suspense fallback={<p className="loading">{en.app.loading}</p>}>
          <StrikesSettings>
            <p className="appeal-standing">{standingText(standing)}</p>
          </StrikesSettings>
        </Suspense>
      </ErrorBoundary>
      <DoneButton onDone={onDone} />
    </RelayEnvironmentProvider>
  );
}

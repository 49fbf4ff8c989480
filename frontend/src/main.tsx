// The web client's entry: the Relay environment for this session, and the page shell.
import { StrictMode, useCallback, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { RelayEnvironmentProvider } from 'react-relay/hooks';
import { createEnvironment } from './relay/environment';
import { SessionContext } from './session';
import { Shell } from './Shell';
import './styles/tokens.css';
import './styles/app.css';

function Root() {
  const [current, setCurrent] = useState(createEnvironment);
  const restart = useCallback(() => {
    current.dispose();
    setCurrent(createEnvironment());
  }, [current]);
  const session = useMemo(() => ({ restart }), [restart]);
  return (
    <SessionContext value={session}>
      <RelayEnvironmentProvider environment={current.environment}>
        <Shell />
      </RelayEnvironmentProvider>
    </SessionContext>
  );
}

const container = document.getElementById('root');
if (container !== null) {
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}

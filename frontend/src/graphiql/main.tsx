// GraphiQL at /graphiql, built from npm into the same bundle as the web client: it sends the
// signed-in browser's session cookie with the CSRF header, and subscribes over /graphql/ws.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CSRF_HEADER, webSocketUrl } from '../relay/environment';
import './graphiql.css';

const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  subscriptionUrl: webSocketUrl(),
  headers: { ...CSRF_HEADER },
  fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
});

const DEFAULT_QUERY = `# Rookery's GraphQL API. This page sends your session's cookie: queries act as you.
# The schema is in the Docs panel (the book icon) and in schema.graphql.
query {
  viewer { acct displayName }
  instance { name }
}
`;

const container = document.getElementById('graphiql');
if (container !== null) {
  createRoot(container).render(
    <StrictMode>
      <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
    </StrictMode>,
  );
}

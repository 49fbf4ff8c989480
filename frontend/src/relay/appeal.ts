// Signing in to appeal: a disabled or suspended person's username and password give a token
// that reaches only their strikes, appeals and signing out, for an hour. Whoever asks keeps it
// in memory; the environment made for it sends it as a bearer token, never the session cookie.
import { graphql } from 'react-relay/hooks';
import { Environment, Network, RecordSource, Store, getRequest, type FetchFunction } from 'relay-runtime';
import { CSRF_HEADER, dataIdOf, responseOf } from './environment';
import type { AccountStanding, appealLoginMutation$data } from './__generated__/appealLoginMutation.graphql';

const loginMutation = graphql`
  mutation appealLoginMutation($input: LoginInput!) {
    loginToAppeal(input: $input) {
      token
      standing
    }
  }
`;

export type { AccountStanding };

export interface AppealSession {
  token: string;
  standing: AccountStanding;
}

/** POSTs `query` to the API as JSON, with no cookie, and `headers` besides. */
async function post(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
  isMutation: boolean,
) {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...CSRF_HEADER, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return responseOf(response.status, await response.text(), isMutation);
}

/** Signs in to appeal with the credentials the sign-in form refused (ACCOUNT_DISABLED). */
export async function loginToAppeal(username: string, password: string): Promise<AppealSession> {
  const text = getRequest(loginMutation).params.text ?? '';
  const response = (await post(text, { input: { username, password } }, {}, true)) as { data: appealLoginMutation$data };
  return response.data.loginToAppeal;
}

/** A Relay environment of its own whose every request carries `token` (and no cookie). */
export function appealEnvironment(token: string): Environment {
  const fetchGraphQL: FetchFunction = (operation, variables) =>
    post(operation.text ?? '', variables, { Authorization: `Bearer ${token}` }, operation.operationKind === 'mutation');
  return new Environment({
    network: Network.create(fetchGraphQL),
    store: new Store(new RecordSource()),
    getDataID: dataIdOf,
  });
}

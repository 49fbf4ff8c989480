// Signing in to appeal: a disabled or suspended person's username and password give a token
// that reaches only their strikes, appeals and signing out, for an hour. Whoever asks keeps it
// in memory; the environment made for it sends it as a bearer token, never the session cookie.
import { graphql } from 'react-relay/hooks';
import { Environment, Network, RecordSource, Store, getRequest, type FetchFunction } from 'relay-runtime';
import { dataIdOf, postQuery, responseOf } from './environment';
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

/** Runs `query` without the cookie, with `headers` besides. */
async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string>, isMutation: boolean) {
  const { status, text } = await postQuery(query, variables, 'omit', headers);
  return responseOf(status, text, isMutation);
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

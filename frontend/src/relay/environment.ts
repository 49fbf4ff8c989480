// The Relay environment: queries and mutations over fetch with the session cookie and the
// CSRF header (files as multipart requests), subscriptions over graphql-ws (loaded with the
// first one, reconnecting when it drops), and errors mapped to what people read.
import type { Client } from 'graphql-ws';
import {
  Environment,
  Network,
  Observable,
  RecordSource,
  Store,
  type FetchFunction,
  type GraphQLResponse,
  type SubscribeFunction,
} from 'relay-runtime';
import { LiveConnection, attachLiveConnection } from './connection';
import { RookeryError, fromGraphQLErrors } from './errors';
import { multipartBody, postWithProgress, type UploadProgress } from './upload';

/** Sent with every request, so that another site's form cannot act for the signed-in user. */
export const CSRF_HEADER = { 'X-Rookery-CSRF': '1' } as const;

interface WireError {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown; field?: unknown };
}

interface WireResponse {
  data?: Record<string, unknown> | null;
  errors?: WireError[];
}

/** Whether `error` is of a top-level field that `data` holds nothing of. */
function lacksTopLevelField(data: Record<string, unknown>, error: WireError): boolean {
  if (!Array.isArray(error.path) || error.path.length !== 1) return false;
  const field: unknown = error.path[0];
  return typeof field === 'string' && (data[field] === undefined || data[field] === null);
}

/**
 * A response Relay may use. Thrown as a RookeryError instead: errors with no data; the error
 * of a top-level field the data lacks (the server answers the other fields of a query, but a
 * page cannot be shown without one of its own); and any error of a mutation, whose
 * optimistic update must then roll back.
 */
export function checkResponse(body: WireResponse, isMutation: boolean): GraphQLResponse {
  const errors = body.errors ?? [];
  if (errors.length === 0) return body as GraphQLResponse;
  const data = body.data;
  if (data === null || data === undefined || isMutation) throw fromGraphQLErrors(errors);
  const failed = errors.filter((error) => lacksTopLevelField(data, error));
  if (failed.length > 0) throw fromGraphQLErrors(failed);
  return body as GraphQLResponse;
}

/** What a mutation carrying files may pass in `cacheConfig.metadata` to follow its upload. */
export interface UploadMetadata {
  onUploadProgress?: UploadProgress;
}

/** POSTs `query` as JSON with the CSRF header, `headers` besides, and the cookie or (`omit`) not. */
export async function postQuery(
  query: string,
  variables: Record<string, unknown>,
  credentials: RequestCredentials = 'same-origin',
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...CSRF_HEADER, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, text: await response.text() };
}

/** Sends `query` as JSON, or as a multipart request when its variables hold files. */
async function send(
  query: string,
  variables: Record<string, unknown>,
  onUploadProgress: UploadProgress | undefined,
): Promise<{ status: number; text: string }> {
  const multipart = multipartBody(query, variables);
  if (multipart !== null) {
    return postWithProgress('/graphql', multipart, { Accept: 'application/json', ...CSRF_HEADER }, onUploadProgress);
  }
  return postQuery(query, variables);
}

/** What Relay may use of a response's `text`, as `checkResponse` decides; a body that is not JSON is an error. */
export function responseOf(status: number, text: string, isMutation: boolean): GraphQLResponse {
  let body: WireResponse;
  try {
    body = JSON.parse(text) as WireResponse;
  } catch {
    throw new RookeryError(status === 429 ? 'RATE_LIMITED' : 'INTERNAL');
  }
  return checkResponse(body, isMutation);
}

const fetchGraphQL: FetchFunction = async (operation, variables, cacheConfig) => {
  const metadata = (cacheConfig.metadata ?? {}) as UploadMetadata;
  const response = await send(operation.text ?? '', variables, metadata.onUploadProgress);
  return responseOf(response.status, response.text, operation.operationKind === 'mutation');
};

export function webSocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql/ws`;
}

function subscriber(socket: () => Promise<Client>, connection: LiveConnection): SubscribeFunction {
  return (operation, variables) =>
    Observable.create<GraphQLResponse>((sink) => {
      const release = connection.opened();
      let unsubscribe: (() => void) | null = null;
      let closed = false;
      socket().then(
        (client) => {
          if (closed) return;
          unsubscribe = client.subscribe(
            { query: operation.text ?? '', variables, operationName: operation.name },
            {
              next: (value) => {
                try {
                  sink.next(checkResponse(value as WireResponse, false));
                } catch (error) {
                  sink.error(error as Error);
                }
              },
              error: (error) => {
                release();
                sink.error(Array.isArray(error) ? fromGraphQLErrors(error) : new RookeryError('NETWORK'));
              },
              complete: () => {
                release();
                sink.complete();
              },
            },
          );
        },
        () => {
          release();
          sink.error(new RookeryError('NETWORK'));
        },
      );
      return () => {
        closed = true;
        release();
        unsubscribe?.();
      };
    });
}

/**
 * The key a record is kept under: its id, except that a moderator's view of an account
 * (`AdminAccount`) has the account's own id and is kept apart from the account under it.
 */
export function dataIdOf(value: Record<string, unknown>, typeName: string): unknown {
  const id = value.id;
  return typeName === 'AdminAccount' && typeof id === 'string' ? `AdminAccount:${id}` : id;
}

export interface RookeryEnvironment {
  environment: Environment;
  /** Closes the live connection; the environment is not used after. */
  dispose: () => void;
}

/** A fresh environment with an empty store (one per signed-in or signed-out session). */
export function createEnvironment(): RookeryEnvironment {
  const connection = new LiveConnection();
  let client: Promise<Client> | null = null;
  const socket = () =>
    (client ??= import('./socket').then(({ createSocketClient }) => createSocketClient(webSocketUrl, connection)));
  const environment = new Environment({
    network: Network.create(fetchGraphQL, subscriber(socket, connection)),
    store: new Store(new RecordSource()),
    getDataID: dataIdOf,
  });
  attachLiveConnection(environment, connection);
  return {
    environment,
    dispose: () => {
      connection.dispose();
      void client?.then((opened) => opened.dispose());
    },
  };
}

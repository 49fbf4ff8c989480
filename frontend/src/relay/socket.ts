// The graphql-ws client of the live connection, loaded with the first subscription rather
// than with the first page.
import { createClient, type Client } from 'graphql-ws';
import { reconnectDelay, type LiveConnection } from './connection';

/**
 * A client for `url`, authenticated by the session cookie: it opens with the first
 * subscription, and while any is open it is reopened whenever it drops, waiting longer after
 * each failure; `connection` hears when it connects and closes.
 */
export function createSocketClient(url: () => string, connection: LiveConnection): Client {
  return createClient({
    url,
    lazy: true,
    retryAttempts: Infinity,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, reconnectDelay(retries))),
    on: { connected: () => connection.connected(), closed: () => connection.closed() },
  });
}

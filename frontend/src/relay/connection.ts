// The live connection's state: connected, or dropped and reconnecting (with backoff), and how
// many times it came back, so that live lists fetch what they missed meanwhile.
import { useSyncExternalStore } from 'react';
import { useRelayEnvironment } from 'react-relay/hooks';
import type { Environment } from 'relay-runtime';

export type LiveStatus = 'idle' | 'connected' | 'reconnecting';

export interface LiveState {
  status: LiveStatus;
  /** How many times the connection came back after dropping. */
  reconnects: number;
}

/** Milliseconds to wait before reconnect attempt `retries` (0 first): doubling, at most 30 s. */
export function reconnectDelay(retries: number, random: number = Math.random()): number {
  const ceiling = Math.min(30_000, 1000 * 2 ** Math.min(retries, 15));
  return Math.round(ceiling * (0.5 + random / 2));
}

/** Follows the socket's events and the subscriptions open over it. */
export class LiveConnection {
  private state: LiveState = { status: 'idle', reconnects: 0 };
  private readonly listeners = new Set<() => void>();
  private open = 0;
  private disposed = false;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveState => this.state;

  /** A subscription starts; the function returned says it ended. */
  opened(): () => void {
    this.open += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open -= 1;
      if (this.open === 0 && this.state.status === 'reconnecting') this.set({ ...this.state, status: 'idle' });
    };
  }

  connected(): void {
    const back = this.state.status === 'reconnecting';
    this.set({ status: 'connected', reconnects: this.state.reconnects + (back ? 1 : 0) });
  }

  /** The socket closed: with subscriptions still open, it is being reconnected. */
  closed(): void {
    if (this.state.status === 'reconnecting') return;
    this.set({ ...this.state, status: this.open > 0 && !this.disposed ? 'reconnecting' : 'idle' });
  }

  dispose(): void {
    this.disposed = true;
    this.set({ ...this.state, status: 'idle' });
  }

  private set(state: LiveState): void {
    if (state.status === this.state.status && state.reconnects === this.state.reconnects) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

const connections = new WeakMap<Environment, LiveConnection>();
const noConnection = new LiveConnection();

/** Makes `connection` the one `useLiveConnection` finds for `environment`. */
export function attachLiveConnection(environment: Environment, connection: LiveConnection): void {
  connections.set(environment, connection);
}

/** The live connection of this page's Relay environment. */
export function useLiveConnection(): LiveState {
  const connection = connections.get(useRelayEnvironment()) ?? noConnection;
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot, connection.getSnapshot);
}

// The live connection's state: dropped while something listens, back, and how long to wait.
import { describe, expect, it } from 'vitest';
import { LiveConnection, reconnectDelay } from './connection';

describe('LiveConnection', () => {
  it('is reconnecting after a drop while subscriptions are open, and counts each return', () => {
    const connection = new LiveConnection();
    const seen: string[] = [];
    connection.subscribe(() => seen.push(connection.getSnapshot().status));
    const release = connection.opened();
    connection.connected();
    expect(connection.getSnapshot()).toEqual({ status: 'connected', reconnects: 0 });

    connection.closed();
    expect(connection.getSnapshot()).toEqual({ status: 'reconnecting', reconnects: 0 });
    connection.connected();
    expect(connection.getSnapshot()).toEqual({ status: 'connected', reconnects: 1 });
    connection.closed();
    connection.connected();
    expect(connection.getSnapshot().reconnects).toBe(2);
    expect(seen).toEqual(['connected', 'reconnecting', 'connected', 'reconnecting', 'connected']);
    release();
  });

  it('is not reconnecting when the socket closes with nothing listening', () => {
    const connection = new LiveConnection();
    const release = connection.opened();
    connection.connected();
    release();
    connection.closed();
    expect(connection.getSnapshot()).toEqual({ status: 'idle', reconnects: 0 });
    // The next subscription opens a new socket: that is no return from a drop.
    const again = connection.opened();
    connection.connected();
    expect(connection.getSnapshot()).toEqual({ status: 'connected', reconnects: 0 });
    again();
  });

  it('stops saying it reconnects once the last subscription gives up', () => {
    const connection = new LiveConnection();
    const release = connection.opened();
    connection.connected();
    connection.closed();
    release();
    expect(connection.getSnapshot().status).toBe('idle');
    // Releasing twice counts once.
    release();
    const other = connection.opened();
    connection.closed();
    expect(connection.getSnapshot().status).toBe('reconnecting');
    other();
  });

  it('is disposed for good', () => {
    const connection = new LiveConnection();
    connection.opened();
    connection.dispose();
    connection.closed();
    expect(connection.getSnapshot().status).toBe('idle');
  });
});

describe('reconnectDelay', () => {
  it('doubles from about a second up to half a minute, with some randomness', () => {
    expect(reconnectDelay(0, 0)).toBe(500);
    expect(reconnectDelay(0, 1)).toBe(1000);
    expect(reconnectDelay(1, 1)).toBe(2000);
    expect(reconnectDelay(3, 0.5)).toBe(6000);
    expect(reconnectDelay(10, 1)).toBe(30_000);
    expect(reconnectDelay(50, 1)).toBe(30_000);
  });
});

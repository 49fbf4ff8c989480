// Turns something on or off with one of a pair of mutations: the change shows in the store at
// once and goes back, with the error passed on, when the server refuses.
import { useState } from 'react';
import { useRelayEnvironment } from 'react-relay/hooks';
import {
  commitMutation,
  type GraphQLTaggedNode,
  type MutationParameters,
  type RecordSourceSelectorProxy,
  type Variables,
} from 'relay-runtime';

/** The mutation that turns it on and the one that turns it off. */
export interface TogglePair {
  on: GraphQLTaggedNode;
  off: GraphQLTaggedNode;
}

/** One change: what is sent, what it looks like meanwhile, and what follows. */
export interface ToggleChange {
  variables: Variables;
  /** Writes the change into the store: shown until the server answers, undone if it refuses. */
  show?: (store: RecordSourceSelectorProxy) => void;
  /** Writes `show` again once the server agrees, for records its answer does not reach. */
  keep?: boolean;
  onDone?: () => void;
  onFailed: (error: Error) => void;
}

interface AnyToggleMutation extends MutationParameters {
  variables: Variables;
  response: Record<string, unknown>;
}

/** `toggle(pair, on, change)` commits `pair.on` or `pair.off`; `busy` while any is unanswered. */
export function useOptimisticToggle(): {
  toggle: (pair: TogglePair, on: boolean, change: ToggleChange) => void;
  busy: boolean;
} {
  const environment = useRelayEnvironment();
  const [unanswered, setUnanswered] = useState(0);
  const toggle = (pair: TogglePair, on: boolean, change: ToggleChange) => {
    const settle = () => setUnanswered((count) => count - 1);
    setUnanswered((count) => count + 1);
    commitMutation<AnyToggleMutation>(environment, {
      mutation: on ? pair.on : pair.off,
      variables: change.variables,
      optimisticUpdater: change.show,
      updater: change.keep === true ? change.show : undefined,
      onCompleted: () => {
        settle();
        change.onDone?.();
      },
      onError: (error) => {
        settle();
        change.onFailed(error);
      },
    });
  };
  return { toggle, busy: unanswered > 0 };
}

/** A `show` that sets `fields` on the record `id`. */
export function setFields(
  id: string,
  fields: Record<string, string | number | boolean | null>,
): (store: RecordSourceSelectorProxy) => void {
  return (store) => {
    const record = store.get(id);
    if (record === null || record === undefined) return;
    for (const [name, value] of Object.entries(fields)) record.setValue(value, name);
  };
}

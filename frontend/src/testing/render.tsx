// Renders components over a real Relay store filled with a query's payload, for unit tests.
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { RelayEnvironmentProvider } from 'react-relay/hooks';
import {
  Environment,
  Network,
  RecordSource,
  Store,
  createOperationDescriptor,
  getRequest,
  type FetchFunction,
  type GraphQLTaggedNode,
  type PayloadData,
  type Variables,
} from 'relay-runtime';
import { dataIdOf } from '../relay/environment';

// Tells React that updates here are wrapped in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  container: HTMLDivElement;
  environment: Environment;
  unmount: () => void;
}

const noNetwork: FetchFunction = () => Promise.reject(new Error('no network in unit tests'));

/**
 * An environment whose store holds `payload` as the answer to `query`; requests go to
 * `fetch` (by default, none is answered).
 */
export function environmentWith(
  query: GraphQLTaggedNode,
  variables: Variables,
  payload: PayloadData,
  fetch: FetchFunction = noNetwork,
): Environment {
  const environment = new Environment({
    network: Network.create(fetch),
    store: new Store(new RecordSource()),
    getDataID: dataIdOf,
  });
  environment.commitPayload(createOperationDescriptor(getRequest(query), variables), payload);
  return environment;
}

/** Renders `element` into the document over `environment`. */
export function render(environment: Environment, element: ReactNode): Rendered {
  const container = document.createElement('div');
  document.body.append(container);
  let root: Root | undefined;
  act(() => {
    root = createRoot(container);
    root.render(<RelayEnvironmentProvider environment={environment}>{element}</RelayEnvironmentProvider>);
  });
  return {
    container,
    environment,
    unmount: () => {
      act(() => root?.unmount());
      container.remove();
    },
  };
}

/** Types `value` into a text field as a person would, so React sees the change. */
export function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const prototype = Object.getPrototypeOf(field) as object;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  act(() => {
    setter?.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

// The job queues page: each queue's counts in a table, the failed deliveries below, and the
// retry button only while deliveries failed, saying how many it queued again.
import { act } from 'react';
import { createOperationDescriptor, getRequest, type FetchFunction } from 'relay-runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { Announcer } from '../../../components/Announcer';
import { adminJobsText } from '../../../i18n/adminJobsText';
import { environmentWith, render, type Rendered } from '../../../testing/render';
import JobQueuesPage, { failedQuery, queuesQuery, retriedMessage } from './JobQueuesPage';

let rendered: Rendered | undefined;

afterEach(() => {
  rendered?.unmount();
  rendered = undefined;
});

const text = adminJobsText.jobs;
const pending = () => new Promise<never>(() => undefined);

const queues = (deliverFailed: number) => [
  { name: 'publish', pending: 0, running: 1, failed: 0 },
  { name: 'deliver', pending: 4, running: 2, failed: deliverFailed },
  { name: 'mail', pending: 1, running: 0, failed: 0 },
];

const failed = {
  failedDeliveries: {
    edges: [
      {
        cursor: 'c1',
        node: {
          __typename: 'FailedDelivery',
          id: 'fd1',
          inbox: 'https://far.example/inbox',
          attempts: 8,
          lastError: 'connection refused',
          failedAt: '2026-12-07T10:00:00Z',
        },
      },
    ],
    pageInfo: { hasNextPage: true, endCursor: 'c1' },
  },
};

async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function renderWith(deliverFailed: number, fetch: FetchFunction = pending) {
  const environment = environmentWith(queuesQuery, {}, { jobQueues: queues(deliverFailed) }, fetch);
  environment.commitPayload(createOperationDescriptor(getRequest(failedQuery), {}), failed);
  rendered = render(
    environment,
    <Announcer>
      <JobQueuesPage />
    </Announcer>,
  );
  await settle();
  return rendered.container;
}

function rows(table: Element | null | undefined): string[][] {
  return [...(table?.querySelectorAll('tbody tr') ?? [])].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''),
  );
}

function buttons(container: HTMLElement): string[] {
  return [...container.querySelectorAll('button')].map((button) => button.textContent ?? '');
}

describe('JobQueuesPage', () => {
  it('shows each queue’s counts and the failed deliveries, a page at a time', async () => {
    const container = await renderWith(3);
    const [queueTable, failedTable] = container.querySelectorAll('table');
    expect(queueTable?.querySelector('caption')?.textContent).toBe(text.queues);
    expect([...(queueTable?.querySelectorAll('thead th') ?? [])].map((cell) => cell.textContent)).toEqual([
      text.queue,
      text.pending,
      text.running,
      text.failed,
    ]);
    expect(rows(queueTable)).toEqual([
      ['publish', '0', '1', '0'],
      ['deliver', '4', '2', '3'],
      ['mail', '1', '0', '0'],
    ]);
    expect(failedTable?.querySelector('caption')?.textContent).toBe(text.failedDeliveries);
    const [row] = rows(failedTable);
    expect(row?.slice(0, 3)).toEqual(['https://far.example/inbox', '8', 'connection refused']);
    expect(failedTable?.querySelector('time')?.getAttribute('datetime')).toBe('2026-12-07T10:00:00Z');
    expect(buttons(container)).toEqual([text.refresh, text.retry, text.loadMore]);
  });

  it('offers no retry while no delivery failed', async () => {
    const container = await renderWith(0);
    expect(buttons(container)).not.toContain(text.retry);
    expect(buttons(container)).toContain(text.refresh);
  });

  it('says how many deliveries retrying queued again, and counts again', async () => {
    const asked: string[] = [];
    let retried = false;
    const fetch: FetchFunction = (operation) => {
      asked.push(operation.name);
      if (operation.name === 'JobQueuesPageRetryMutation') {
        retried = true;
        return Promise.resolve({ data: { retryFailedJobs: { retried: 3 } } });
      }
      // Before the retry, the server says what the store holds; after it, nothing failed.
      if (operation.name === 'JobQueuesPageQuery') return Promise.resolve({ data: { jobQueues: queues(retried ? 0 : 3) } });
      if (operation.name === 'JobQueuesPageFailedQuery')
        return Promise.resolve({
          data: retried ? { failedDeliveries: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } : failed,
        });
      return pending();
    };
    const container = await renderWith(3, fetch);
    asked.length = 0;
    const retry = [...container.querySelectorAll('button')].find((button) => button.textContent === text.retry);
    act(() => retry?.focus());
    await act(async () => {
      retry?.click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    await settle();
    expect(asked).toContain('JobQueuesPageRetryMutation');
    expect(asked).toContain('JobQueuesPageQuery');
    expect(container.querySelector('[role="status"]')?.textContent).toContain(retriedMessage(3));
    expect(rows(container.querySelector('table'))[1]).toEqual(['deliver', '4', '2', '0']);
    expect(buttons(container)).not.toContain(text.retry);
    // The button gone, the focus is on the refresh button rather than lost.
    expect(document.activeElement?.textContent).toBe(text.refresh);
    expect(container.textContent).toContain(text.noFailed);
  });

  it('words the outcome for none, one and more', () => {
    expect(retriedMessage(0)).toBe('No failed deliveries were left to retry.');
    expect(retriedMessage(1)).toBe('1 failed delivery is queued again.');
    expect(retriedMessage(12)).toBe('12 failed deliveries are queued again.');
  });
});

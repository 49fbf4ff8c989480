// The strings of the job queues page and the dashboard's queues panel, in English: they load
// with the moderation pages, which only people whose role lets them moderate open.

export const adminJobsText = {
  jobs: {
    title: 'Job queues',
    intro: 'The server’s background work: deliveries to other servers, media, mail and more. Deliveries that gave up after their retries can be tried again.',
    queues: 'Queues',
    queue: 'Queue',
    pending: 'Waiting',
    running: 'Running',
    failed: 'Failed',
    noQueues: 'No queues.',
    refresh: 'Refresh',
    refreshing: 'Refreshing…',
    retry: 'Retry failed deliveries',
    retrying: 'Retrying…',
    /** What retrying did, announced. */
    retried:
      '{count, plural, =0 {No failed deliveries were left to retry.} one {# failed delivery is queued again.} other {# failed deliveries are queued again.}}',
    retryFailed: 'Could not retry the deliveries: {reason}',
    failedDeliveries: 'Failed deliveries',
    failedIntro: 'Deliveries that gave up, newest first.',
    inbox: 'Inbox',
    attempts: 'Attempts',
    lastError: 'Last error',
    failedAt: 'Failed at',
    noFailed: 'No deliveries have failed.',
    loadMore: 'Load more failed deliveries',
    loadingMore: 'Loading more…',
  },
  panel: {
    title: 'Queues',
    queue: 'Queue',
    pending: 'Waiting',
    failed: 'Failed',
  },
} as const;

// Two people sign up; one posts, and the other sees the post on the local timeline, a second
// one live, and favourites the first, which the author hears of at once.
import { test } from '@playwright/test';
import { twoPeoplePostAndFavourite } from './two-people';

test('a post reaches another person’s local timeline, and their favourite reaches its author', async ({ browser }) => {
  test.setTimeout(60_000);
  await twoPeoplePostAndFavourite(browser);
});

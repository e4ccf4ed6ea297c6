import { type Episode, episodes } from '../../examples/podcast/src/episodes';
import { expect } from '../harness/fixtures';
import { demoReady, isSaved, pressDownload } from '../support/demo';
import { demoTest as test } from '../support/demo-test';

/**
 * The demo's priority control (FetchPrioritySelect beside each episode's DownloadButton) on the worker fallback,
 * forced in Chromium too (`?engine=fallback`): the native API has no queue. The demo lets two downloads run at once
 * (examples/podcast/src/client.ts), so a third and a fourth wait in line.
 */

const [trailer, first, second, third] = episodes as [Episode, Episode, Episode, Episode];

/** Whether each episode's DownloadButton is in one of `states` (`idle`, `pending`, `fetching`, …) (page function). */
const downloadStateIn = ({ slugs, states }: { slugs: string[]; states: string[] }) =>
  slugs.every((slug) => {
    const root = document.querySelector(`li[data-episode="${slug}"] [data-bgfetch="download"]`);
    return states.includes(root?.getAttribute('data-state') ?? '');
  });

/** Whether the episode's status text is `text` (page function). */
const statusIs = ({ slug, text }: { slug: string; text: string }) =>
  document.querySelector(`li[data-episode="${slug}"] [data-bgfetch="status"]`)?.textContent === text;

/** The priority the episode's select shows (page function). */
const shownPriority = (slug: string) =>
  document
    .querySelector(`li[data-episode="${slug}"] select[data-bgfetch="priority"]`)
    ?.getAttribute('data-state');

/** Chooses a priority in the episode's select, as a user does (page function). */
const choosePriority = ({ slug, priority }: { slug: string; priority: string }) => {
  const select = document.querySelector<HTMLSelectElement>(
    `li[data-episode="${slug}"] select[data-bgfetch="priority"]`,
  );
  if (select === null) throw new Error(`no priority select for ${slug}`);
  select.value = priority;
  select.dispatchEvent(new Event('change', { bubbles: true }));
};

/** Presses the episode's Cancel button (page function). */
const pressCancel = (slug: string) => {
  const button = document.querySelector<HTMLButtonElement>(
    `li[data-episode="${slug}"] [data-bgfetch="cancel-button"]`,
  );
  if (button === null) throw new Error(`no Cancel button for ${slug}`);
  button.click();
};

test('choosing "High priority" for a queued episode moves it to the head of the line, and it starts next', async ({
  browser,
  demo,
}) => {
  const page = await browser.newPage();
  await page.goto(`${demo.url}?engine=fallback`);
  await page.waitForFunction(demoReady, undefined, { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelector('[data-engine="fallback"]') !== null);

  // The two longest episodes take the two places; then the first episode and the trailer queue, in that order.
  for (const episode of [third, second, first, trailer]) {
    await page.evaluate(pressDownload, episode.slug);
    await page.waitForFunction(downloadStateIn, { slugs: [episode.slug], states: ['pending', 'fetching'] });
  }
  await page.waitForFunction(statusIs, { slug: first.slug, text: 'Queued (1st)' });
  await page.waitForFunction(statusIs, { slug: trailer.slug, text: 'Queued (2nd)' });
  await page.waitForFunction(downloadStateIn, { slugs: [third.slug, second.slug], states: ['fetching'] });
  expect(await page.evaluate(shownPriority, trailer.slug)).toBe('normal');

  await page.evaluate(choosePriority, { slug: trailer.slug, priority: 'high' });
  await page.waitForFunction(statusIs, { slug: trailer.slug, text: 'Queued (1st, high priority)' });
  await page.waitForFunction(statusIs, { slug: first.slug, text: 'Queued (2nd)' });
  expect(await page.evaluate(shownPriority, trailer.slug)).toBe('high');

  // A place frees: the trailer, not the episode queued before it, takes it.
  await page.evaluate(pressCancel, third.slug);
  await page.waitForFunction(isSaved, trailer.slug, { timeout: 40_000 });
  await page.evaluate(pressCancel, second.slug);
  await page.evaluate(pressCancel, first.slug);
  await page.waitForFunction(downloadStateIn, {
    slugs: [third.slug, second.slug, first.slug],
    states: ['idle'],
  });

  const log = await demo.server.scope('default').settled();
  const audioStarts = (slug: string) =>
    log.filter((entry) => entry.url.startsWith(`/media/${slug}.wav`)).map((entry) => entry.startedAt);
  const [trailerStart] = audioStarts(trailer.slug);
  expect(trailerStart).toBeDefined();
  // The first episode may not have asked for a byte before it was cancelled; if it did, it was after the trailer.
  for (const start of audioStarts(first.slug)) expect(start).toBeGreaterThan(trailerStart ?? Infinity);
});

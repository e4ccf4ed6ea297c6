import { CLOCK_CHANNEL } from './api';

/**
 * The wall clock of the context that imports this first, made to step back on request (a time sync, or the user
 * setting the clock, does this to a real browser): `Date.now()` goes back by what the page posts on CLOCK_CHANNEL.
 * Only `Date.now` moves; the monotonic `performance.now()` does not, as in a real step.
 */
const wallClock = Date.now.bind(Date);
let offset = 0;
Date.now = () => wallClock() + offset;
new BroadcastChannel(CLOCK_CHANNEL).onmessage = (event: MessageEvent<{ stepBackMs: number }>) => {
  offset -= event.data.stepBackMs;
};

/**
 * The fallback engine's module worker: `new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })`.
 * Everything that touches bytes runs here; the page only relays through comlink.
 */
import { expose } from 'comlink';
import { Scheduler } from './scheduler.js';

expose(new Scheduler());

/**
 * The fallback engine's worker (core's fallback/worker.ts) with a wall clock the test can step back, set up first
 * (stepped-clock.ts). Core is side-effect free to bundlers: its worker module is rebuilt here, not imported bare.
 */
import './stepped-clock';
import { expose } from 'comlink';
import { Scheduler } from '../../../packages/core/src/fallback/scheduler.js';

expose(new Scheduler());

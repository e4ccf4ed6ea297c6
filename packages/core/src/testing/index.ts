/**
 * `@bgfetch/core/testing`: stand-ins for testing code built on the client (hooks, components, stories) without a
 * browser's download machinery. They model no browser; browser behaviour is tested in real browsers (e2e/).
 */
export type { FakeEngineOptions } from './fake-engine.js';
export { fakeEngine, runningSnapshot } from './fake-engine.js';
export { manualFrames } from './manual-frames.js';
export { memoryLibrary } from './memory-library.js';
export type {
  ManualClock,
  SetStateOptions,
  SimulatedEngine,
  SimulatedEngineOptions,
  SimulatedState,
} from './simulated-engine.js';
export { manualClock, SIMULATED_EPOCH, SIMULATED_STATES, simulatedEngine } from './simulated-engine.js';
export { snapshot } from './snapshots.js';

import type { NormalizedFetchOptions } from '../input/validate.js';
import type { EngineCapabilities } from './engine.js';

/**
 * What an engine with `capabilities` would leave undone of a fetch's `options` (worded for an error: "cannot …"),
 * or `undefined` when it honours them all: a bandwidth cap, a wait off metered networks. Auto mode passes such an
 * engine over for a later one that honours them.
 */
export function unhonoured(
  capabilities: EngineCapabilities,
  options: Pick<NormalizedFetchOptions, 'maxBytesPerSecond' | 'network'>,
): string | undefined {
  if (options.maxBytesPerSecond !== undefined && !capabilities.bandwidthCap) return 'cap the bandwidth';
  if (options.network === 'unmetered' && !capabilities.networkPolicy) return 'tell a metered network';
  return undefined;
}

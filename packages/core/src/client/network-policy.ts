/**
 * Which networks a fetch may download on, where the engine can tell (`capabilities.networkPolicy`): `any`, or only
 * `unmetered` ones: it waits while the connection is cellular or the user asked to save data.
 */
export type NetworkPolicy = 'any' | 'unmetered';

export const NETWORK_POLICIES: readonly NetworkPolicy[] = Object.freeze(['any', 'unmetered']);

import { handleBackgroundFetch } from '@bgfetch/sw';
import { takeOverAtOnce, worker } from '../shared/worker-scope';
import { SW_SETTLED_CACHE } from './api';

/**
 * The kit's handlers (with the fallback's bridge); each settled fetch is noted for the spec. `?hold=1`: a worker
 * that never finishes installing, so its registration never has an active worker.
 */
if (new URL(location.href).searchParams.has('hold')) {
  worker.addEventListener('install', (event) => event.waitUntil(new Promise(() => {})));
} else {
  takeOverAtOnce();
}
handleBackgroundFetch({
  onSuccess: async (event) => {
    await (await caches.open(SW_SETTLED_CACHE)).put(
      `/__settled/${encodeURIComponent(event.registration.id)}`,
      new Response(''),
    );
  },
});

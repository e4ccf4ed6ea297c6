import { handleBackgroundFetch } from '@bgfetch/sw';
import { takeOverAtOnce } from '../shared/worker-scope';
import { SW_SETTLED_CACHE } from './api';

/** The kit's handlers (with the fallback's bridge); each settled fetch is noted for the spec. */
takeOverAtOnce();
handleBackgroundFetch({
  onSuccess: async (event) => {
    await (await caches.open(SW_SETTLED_CACHE)).put(
      `/__settled/${encodeURIComponent(event.registration.id)}`,
      new Response(''),
    );
  },
});

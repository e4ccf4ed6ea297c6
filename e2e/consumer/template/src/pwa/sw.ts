import { handleBackgroundFetch } from '@bgfetch/sw';
import { precacheAndRoute } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string })[] };

precacheAndRoute(self.__WB_MANIFEST);
handleBackgroundFetch();

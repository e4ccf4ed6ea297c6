import { handleBackgroundFetch } from '@bgfetch/sw';

// Stores every finished download in Cache Storage, for both engines, and tells the open pages.
handleBackgroundFetch();

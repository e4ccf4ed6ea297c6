import { fileURLToPath } from 'node:url';

/** Source of the test pages: every `<name>/index.html` in it is a page. */
export const pagesSrcDir = fileURLToPath(new URL('../pages', import.meta.url));
/** Where globalSetup builds them (gitignored); the media server serves this folder at `/`. */
export const pagesOutDir = fileURLToPath(new URL('../.cache/pages', import.meta.url));

import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { quotaTests } from '../support/fallback-quota';

quotaTests(async (browser) => {
  // Firefox's quota is about 10 GiB here. Its own pref for a fixed storage limit (KiB, read at start-up) goes into
  // the profile while the browser is closed; an origin then gets a fifth of it, 40 MiB, as `estimate()` shows.
  // (Puppeteer rewrites user.js at each launch, and keeps prefs.js.)
  await browser.close();
  await appendFile(
    join(browser.profileDir, 'prefs.js'),
    `user_pref("dom.quotaManager.temporaryStorage.fixedLimit", ${200 * 1024});\n`,
  );
  await browser.restart();
  return undefined;
});

import { MiB } from '../support/fallback';
import { quotaTests } from '../support/fallback-quota';

// Chromium's quota is about 10 GiB here: DevTools' own override gives the origin a small one, which Chromium then
// enforces like any quota (its `estimate()` keeps showing the disk-based figure, so the spec passes the quota on).
const QUOTA = 64 * MiB;

quotaTests(async (browser, scope) => {
  const context = browser.chromiumContext();
  const cdp = await context.newCDPSession(context.pages()[0]!);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(scope.base).origin, quotaSize: QUOTA });
  return QUOTA;
});

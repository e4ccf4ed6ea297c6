import { quotaTests } from '../support/fallback-quota';

// WebKit's own origin quota (about 1 GiB here), filled for real: nothing in the browser is changed for the test.
quotaTests(async () => undefined);

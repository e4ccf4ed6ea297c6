/**
 * How every test tool here launches Chromium: Debian's build (no tool may download a browser of its own on these
 * machines), with the flags that keep a headless Chromium quiet on a closed network — without the
 * background-networking ones it keeps trying to reach Google's services (shared/BROWSERS.md).
 */
export const debianChromium = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

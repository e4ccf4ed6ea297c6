import type { Launcher } from './browser-session';
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { Engine } from './session';
import { launchWebKit, type WebKitOptions } from './webkit';

/** The launcher for an engine; WebKit also needs the X display it will show its windows on. */
export function launcherFor(
  engine: Engine,
  display: string | undefined,
  webkit: WebKitOptions = {},
): Launcher {
  switch (engine) {
    case 'chromium':
      return launchChromium;
    case 'firefox':
      return launchFirefox;
    case 'webkit':
      if (!display) throw new Error('WebKit needs an X display');
      return (profileDir) => launchWebKit(profileDir, display, webkit);
  }
}

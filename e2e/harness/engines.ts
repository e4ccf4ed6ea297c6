import type { Launcher } from './browser-session';
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { Engine } from './session';
import { launchWebKit, type WebKitOptions } from './webkit';

/**
 * The launcher for an engine; WebKit also needs the X display it will show its windows on, and Chromium may get
 * more command-line flags.
 */
export function launcherFor(
  engine: Engine,
  display: string | undefined,
  webkit: WebKitOptions = {},
  chromiumArgs: readonly string[] = [],
): Launcher {
  switch (engine) {
    case 'chromium':
      return (profileDir) => launchChromium(profileDir, chromiumArgs);
    case 'firefox':
      return launchFirefox;
    case 'webkit':
      if (!display) throw new Error('WebKit needs an X display');
      return (profileDir) => launchWebKit(profileDir, display, webkit);
  }
}

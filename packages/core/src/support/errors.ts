/** The browser's "no" to a background fetch (Chromium without permission, WebKit with its flag on). */
export function isRefusal(error: unknown): error is DOMException {
  return error instanceof DOMException && error.name === 'NotAllowedError';
}

/** An error as one line for a message or a log: `Name: message` (the name alone without one), or the value as text. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}

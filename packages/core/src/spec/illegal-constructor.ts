/**
 * The spec's interfaces (`BackgroundFetchManager`, `BackgroundFetchRegistration`, `BackgroundFetchRecord`) have no
 * constructor a script may call: the kit's classes take this key first, and only the kit holds it.
 */
export const INTERNAL: unique symbol = Symbol('bgfetch:internal');

export function checkInternal(key: unknown, name: string): void {
  if (key !== INTERNAL)
    throw new TypeError(`Illegal constructor: ${name} objects come from the browser's API`);
}

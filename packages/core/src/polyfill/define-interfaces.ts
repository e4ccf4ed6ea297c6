/**
 * Puts the polyfill's classes on `scope` the way WebIDL defines interface objects (writable, configurable, not
 * enumerable), and `ServiceWorkerRegistration.prototype.backgroundFetch` as a getter, enumerable like the
 * platform's attribute. The page's polyfill and the service worker's each call it with their own classes.
 */
export function defineInterfaces(
  scope: object,
  interfaces: Record<string, unknown>,
  managerFor: (registration: ServiceWorkerRegistration) => unknown,
): void {
  for (const [name, value] of Object.entries(interfaces)) {
    Object.defineProperty(scope, name, { value, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(ServiceWorkerRegistration.prototype, 'backgroundFetch', {
    get(this: ServiceWorkerRegistration) {
      return managerFor(this);
    },
    configurable: true,
    enumerable: true,
  });
}

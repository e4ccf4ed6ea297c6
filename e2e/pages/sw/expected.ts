import type { ProbeResult } from './api';

/** What the specs expect of the probe, the same on both engines. */

/** `probe-twice-…`: updateUI works once, through the kit's guard and raw; records go when the handler is done. */
export const PROBE_TWICE: ProbeResult = {
  type: 'backgroundfetchsuccess',
  records: 1,
  availableDuring: true,
  firstUpdateUI: 'ok',
  secondUpdateUIGuarded: 'InvalidStateError',
  secondUpdateUIRaw: 'InvalidStateError',
  lateWaitUntil: 'InvalidStateError',
  availableAfter: false,
  matchAllAfter: 'InvalidStateError',
};

/** `probe-late-…` on a failed fetch: updateUI and waitUntil refused once every waitUntil promise settled. */
export const PROBE_LATE: Partial<ProbeResult> = {
  type: 'backgroundfetchfail',
  records: 1,
  availableDuring: true,
  lateUpdateUIRaw: 'InvalidStateError',
  lateUpdateUIGuarded: 'InvalidStateError',
  lateWaitUntil: 'InvalidStateError',
  availableAfter: false,
  matchAllAfter: 'InvalidStateError',
};

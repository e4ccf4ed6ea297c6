import { claimDispatch, type DispatchClaim, openJobsDb } from './db.js';

/**
 * For the service worker's bridge: claims run `token` of fallback job `id` before dispatching its event
 * (docs/architecture.md, "Hand-off"). `'claimed'`: this call took it, dispatch; `'worker'`: a service worker took it
 * before (an earlier message for the same run, from a tab that closed since); `'page'`: the page stores the records
 * itself (no claim came within its `handoffTimeoutMs`); `'none'`: no job of the id is recorded here (nothing to
 * decide: dispatch); `'other-run'`: the id is being fetched again, this run is over.
 *
 * The connection is closed at once: a service worker that kept it would block a newer page's upgrade of the schema.
 */
export async function claimFallbackDispatch(id: string, token: string): Promise<DispatchClaim> {
  let db: Awaited<ReturnType<typeof openJobsDb>>;
  try {
    db = await openJobsDb();
  } catch {
    // No database this version can open (a newer schema, storage refused): no record says otherwise.
    return 'none';
  }
  try {
    return await claimDispatch(db, id, token, 'worker');
  } finally {
    db.close();
  }
}

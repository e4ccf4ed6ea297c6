/**
 * Which engine the demo asks for: `auto` (native Background Fetch where the browser has it and grants it, else the
 * worker fallback) or `fallback` (forced). Kept in localStorage, so the choice survives reloads; `?engine=fallback`
 * or `?engine=auto` in the URL sets it too.
 */
export type EngineChoice = 'auto' | 'fallback';

const STORAGE_KEY = 'bgfetch-demo:engine';

const isChoice = (value: string | null): value is EngineChoice => value === 'auto' || value === 'fallback';

export function readEngineChoice(): EngineChoice {
  const fromUrl = new URLSearchParams(location.search).get('engine');
  if (isChoice(fromUrl)) {
    localStorage.setItem(STORAGE_KEY, fromUrl);
    return fromUrl;
  }
  const stored = localStorage.getItem(STORAGE_KEY);
  return isChoice(stored) ? stored : 'auto';
}

/** Stores the choice and reloads without the query: the client picks its engine once, when it is made. */
export function switchEngine(choice: EngineChoice): void {
  localStorage.setItem(STORAGE_KEY, choice);
  location.assign(location.pathname);
}

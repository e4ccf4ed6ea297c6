declare const process: { env: { NODE_ENV?: string } };

/**
 * `true` in a production build. Bundlers replace `process.env.NODE_ENV` textually; where nothing replaced it and
 * there is no `process` (plain ESM in a browser), the reference throws and this counts as development.
 */
export function isProductionBuild(): boolean {
  try {
    return process.env.NODE_ENV === 'production';
  } catch {
    return false;
  }
}

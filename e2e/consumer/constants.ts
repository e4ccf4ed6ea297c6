/** Set by prepare.ts for the specs: the folder of the consumer app, built. */
export const APP_DIR_ENV = 'BGFETCH_CONSUMER_APP';
/** The episode the template's page downloads (template/src/main.tsx), served from the app's public folder. */
export const EPISODE_PATH = 'media/episode-42.mp3';
export const EPISODE_SIZE = 8 * 1024 * 1024;

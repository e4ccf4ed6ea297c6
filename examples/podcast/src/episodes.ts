/** The demo's catalogue. The media server generates each episode's audio and artwork from its slug. */
export interface Episode {
  /** The download's id in the kit. */
  id: string;
  slug: string;
  title: string;
  seconds: number;
}

/**
 * Bytes per second the media server sends each episode at (its `throttle` knob), so that progress is visible on a
 * loopback connection. 16-bit mono WAV at 22.05 kHz is 44.1 kB a second of audio.
 */
export const THROTTLE = 1_500_000;
const WAV_BYTES_PER_SECOND = 44_100;
const WAV_HEADER = 44;
/** The artwork is a small SVG: its share of the `downloadTotal` upper bound. */
const ARTWORK_ALLOWANCE = 16 * 1024;

export const episodes: readonly Episode[] = [
  { id: 'episode-trailer', slug: 'ep0-trailer', title: 'Trailer: what this show is about', seconds: 60 },
  { id: 'episode-1', slug: 'ep1-offline-first', title: 'Offline first, from the start', seconds: 240 },
  {
    id: 'episode-2',
    slug: 'ep2-range-requests',
    title: 'Range requests and the art of resuming',
    seconds: 420,
  },
  {
    id: 'episode-3',
    slug: 'ep3-background-fetch',
    title: 'Background Fetch, and life without it',
    seconds: 600,
  },
];

export const audioUrl = (episode: Episode) =>
  `/media/${episode.slug}.wav?seconds=${episode.seconds}&throttle=${THROTTLE}`;
export const artworkUrl = (episode: Episode) => `/media/${episode.slug}.svg`;
export const audioBytes = (episode: Episode) => WAV_HEADER + episode.seconds * WAV_BYTES_PER_SECOND;
/** An upper bound of the episode's bytes (audio and artwork): the fetch's `downloadTotal`. */
export const downloadTotal = (episode: Episode) => audioBytes(episode) + ARTWORK_ALLOWANCE;

export const formatDuration = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

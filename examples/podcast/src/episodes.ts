/** The demo's catalogue. The media server generates each episode's audio and artwork from its slug. */
export interface Episode {
  slug: string;
  title: string;
  seconds: number;
}

export const episodes: readonly Episode[] = [
  { slug: 'ep1-offline-first', title: 'Offline first, from the start', seconds: 240 },
  { slug: 'ep2-range-requests', title: 'Range requests and the art of resuming', seconds: 420 },
  { slug: 'ep3-background-fetch', title: 'Background Fetch, and life without it', seconds: 600 },
];

export const audioUrl = (episode: Episode) => `/media/${episode.slug}.wav?seconds=${episode.seconds}`;
export const artworkUrl = (episode: Episode) => `/media/${episode.slug}.svg`;

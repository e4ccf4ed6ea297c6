import { artworkUrl, audioUrl, episodes } from './episodes';

/** The demo's shell: the episode list streams from the media server; offline downloads arrive with the kit. */
export function App() {
  return (
    <main>
      <h1>bgfetch-kit podcast demo</h1>
      <ul aria-label="Episodes">
        {episodes.map((episode) => (
          <li key={episode.slug}>
            <img src={artworkUrl(episode)} alt="" width={96} height={96} />
            <h2>{episode.title}</h2>
            <audio controls preload="none" src={audioUrl(episode)}>
              <track kind="captions" />
            </audio>
          </li>
        ))}
      </ul>
    </main>
  );
}

import { DownloadButton, FetchProgressText, useBackgroundFetch, useFetchRegistration } from '@bgfetch/react';
import { FetchPrioritySelect } from '@bgfetch/react/priority';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Downloads } from './Downloads';
import { type EngineChoice, switchEngine } from './engine-choice';
import { artworkUrl, audioUrl, downloadTotal, type Episode, episodes, formatDuration } from './episodes';

const ENGINE_NAMES = { native: 'native Background Fetch', fallback: 'worker fallback' } as const;

function subscribeOnline(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Which engine runs the next download, and the switch that forces the fallback. */
function EngineBar({ choice, started }: { choice: EngineChoice; started: Promise<unknown> }) {
  const { engine, ready } = useBackgroundFetch();
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    started.catch(() => setFailed(true));
  }, [started]);
  const engineText = failed
    ? 'could not start (see the console)'
    : !ready
      ? 'starting…'
      : engine
        ? ENGINE_NAMES[engine] + (choice === 'fallback' ? ' (forced)' : '')
        : 'none available in this browser';
  return (
    <section className="engine-bar" aria-label="Download engine">
      <p>
        Downloads run on: <strong data-engine={engine ?? ''}>{engineText}</strong>
        {online ? null : <span className="offline-badge"> · offline</span>}
      </p>
      <label>
        <input
          type="checkbox"
          checked={choice === 'fallback'}
          onChange={(event) => switchEngine(event.currentTarget.checked ? 'fallback' : 'auto')}
        />{' '}
        Force the worker fallback (reloads the page)
      </label>
    </section>
  );
}

function EpisodeItem({ episode }: { episode: Episode }) {
  const registration = useFetchRegistration(episode.id);
  const audio = useRef<HTMLAudioElement>(null);
  const saved = registration?.status === 'success';
  const headingId = `${episode.id}-title`;
  return (
    <li className="episode" data-episode={episode.slug} data-saved={saved} aria-labelledby={headingId}>
      <img src={artworkUrl(episode)} alt="" width={88} height={88} />
      <div className="episode-body">
        <h2 id={headingId}>{episode.title}</h2>
        <p className="episode-meta">
          {formatDuration(episode.seconds)} · {(downloadTotal(episode) / 1e6).toFixed(1)} MB
          {saved ? ' · saved on this device, plays offline' : null}
        </p>
        <DownloadButton
          fetchId={episode.id}
          requests={[audioUrl(episode), artworkUrl(episode)]}
          options={{
            title: episode.title,
            icons: [{ src: artworkUrl(episode), sizes: '256x256', type: 'image/svg+xml' }],
            downloadTotal: downloadTotal(episode),
            // A mistyped URL answered with the app's index.html (200, text/html) fails instead of being stored.
            accept: { contentTypes: ['audio/*', 'image/*'] },
          }}
          labels={{ open: 'Play', openName: (title) => `Play ${title}` }}
          onOpen={() => void audio.current?.play()}
        />
        {/* Where the engine queues downloads (the worker fallback), a waiting one can be moved up or down. */}
        <FetchPrioritySelect className="episode-priority" fetchId={episode.id} />
        {registration !== undefined && !registration.settled ? (
          <FetchProgressText className="episode-progress" fetchId={episode.id} />
        ) : null}
        {/* Streams from the network until downloaded; the service worker then answers from Cache Storage. */}
        <audio
          ref={audio}
          controls
          preload="none"
          src={audioUrl(episode)}
          data-episode={episode.slug}
          aria-label={`Play ${episode.title}`}
        >
          <track kind="captions" />
        </audio>
      </div>
    </li>
  );
}

export function App({ choice, started }: { choice: EngineChoice; started: Promise<unknown> }) {
  return (
    <main>
      <header>
        <h1>bgfetch-kit podcast</h1>
        <p>
          Download an episode, then play it with the network gone. Without React or the kit's client:{' '}
          <a href="/raw.html">the same downloads on the raw Background Fetch API</a>.
        </p>
      </header>
      <EngineBar choice={choice} started={started} />
      <ul className="episodes" aria-label="Episodes">
        {episodes.map((episode) => (
          <EpisodeItem key={episode.id} episode={episode} />
        ))}
      </ul>
      <Downloads />
    </main>
  );
}

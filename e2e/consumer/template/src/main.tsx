import { BackgroundFetchProvider, DownloadButton } from '@bgfetch/react';
import '@bgfetch/react/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// The service worker keeps finished downloads in Cache Storage (src/sw.ts; built to /sw.js, see vite.config.ts).
navigator.serviceWorker.register(import.meta.env.DEV ? '/src/sw.ts' : '/sw.js', {
  type: 'module',
  scope: '/',
});

function App() {
  return (
    <BackgroundFetchProvider options={{ serviceWorker: navigator.serviceWorker.ready }}>
      <h1>Episode 42</h1>
      <DownloadButton
        fetchId="episode-42"
        requests={['/media/episode-42.mp3']}
        options={{ title: 'Episode 42' }}
      />
    </BackgroundFetchProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

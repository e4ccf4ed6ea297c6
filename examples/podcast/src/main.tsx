import { BackgroundFetchProvider } from '@bgfetch/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@bgfetch/react/styles.css';
import { App } from './App';
import { createDemoClient } from './client';
import { readEngineChoice } from './engine-choice';
import './styles.css';

const choice = readEngineChoice();
const { client, started } = createDemoClient(choice);

// Tests and screenshots wait for this: the service worker controls the page and the store is rehydrated.
started.then(
  () => {
    document.documentElement.dataset.demo = 'ready';
  },
  (error: unknown) => {
    document.documentElement.dataset.demo = 'failed';
    console.error('the demo could not start', error);
  },
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BackgroundFetchProvider client={client}>
      <App choice={choice} started={started} />
    </BackgroundFetchProvider>
  </StrictMode>,
);

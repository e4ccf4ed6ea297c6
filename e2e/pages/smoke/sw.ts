import { takeOverAtOnce, worker } from '../shared/worker-scope';
import { PING, PONG } from './api';

takeOverAtOnce();

worker.addEventListener('message', (event) => {
  if (event.data === PING) event.ports[0]?.postMessage(PONG);
});

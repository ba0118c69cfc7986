import { stopAll } from '../processes/start';
import { stopRedisServers } from '../redis-server';

// A test file that forgets to stop its api, worker or own redis-server must not leave them running into
// the next file.
afterAll(async () => {
  await stopAll();
  await stopRedisServers();
});

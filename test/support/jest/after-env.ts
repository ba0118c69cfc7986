import { stopAll } from '../processes/start';

// A test file that forgets to stop its api or worker must not leave them running into the next file.
afterAll(() => stopAll());

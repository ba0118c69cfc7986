// jest-circus reads only the top-level testTimeout; a setup file sets this project's own (hooks included).
jest.setTimeout(3 * 60 * 60_000);

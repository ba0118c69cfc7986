// jest-circus reads only the top-level testTimeout; a setup file sets this project's own.
jest.setTimeout(30_000);

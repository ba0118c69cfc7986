// @ts-check
/**
 * Three tiers, one config. `npm test` runs them in order (scripts/test.mjs); each can run alone:
 *   npx jest --selectProjects unit
 *   npx jest --selectProjects integration --runInBand   (needs `npm run build` first)
 *   npx jest --selectProjects e2e --runInBand           (needs `npm run build` first)
 * and a fourth, not in `npm test`: `npm run soak` (SOAK_MINUTES, default 10; builds first).
 */

// Nest 12, jose, oidc-provider and openid-client (with oauth4webapi) are ESM-only: swc turns them (and our
// TypeScript) into CommonJS for Jest, whose module registry cannot require() ES modules as Node 24 does.
const swcTypeScript = [
  '@swc/jest',
  {
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  },
];

const swcJavaScript = [
  '@swc/jest',
  {
    module: { type: 'commonjs' },
    jsc: { target: 'es2023', parser: { syntax: 'ecmascript' }, keepClassNames: true },
  },
];

const libs = ['domain', 'application', 'persistence', 'messaging', 'contracts', 'config'];

/** @type {import('jest').Config} */
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.ts$': swcTypeScript,
    '^.+\\.(js|mjs|cjs)$': swcJavaScript,
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|jose|file-type|strtok3|token-types|@tokenizer|uint8array-extras|load-esm|uuid|feed|oidc-provider|openid-client|oauth4webapi|canonicalize)/)',
  ],
  moduleNameMapper: {
    [`^@muster/(${libs.join('|')})$`]: '<rootDir>/libs/$1/src',
    '^@muster/testing$': '<rootDir>/test/support',
    '^@muster/builders$': '<rootDir>/test/builders',
    '^@muster/doubles$': '<rootDir>/test/doubles',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
};

/** Integration and e2e share one migrated, seeded template database per run. */
const withDatabase = {
  globalSetup: '<rootDir>/test/support/jest/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/jest/after-env.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
    },
    {
      ...shared,
      ...withDatabase,
      displayName: 'integration',
      testMatch: ['<rootDir>/libs/**/*.int-spec.ts', '<rootDir>/apps/**/*.int-spec.ts'],
      setupFilesAfterEnv: [...withDatabase.setupFilesAfterEnv, '<rootDir>/test/support/jest/timeout-integration.ts'],
    },
    {
      ...shared,
      ...withDatabase,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: [...withDatabase.setupFilesAfterEnv, '<rootDir>/test/support/jest/timeout-e2e.ts'],
    },
    {
      // `npm run soak` only (scripts/test.mjs never selects it): SOAK_MINUTES of load with faults.
      ...shared,
      ...withDatabase,
      displayName: 'soak',
      testMatch: ['<rootDir>/test/soak/**/*.soak-spec.ts'],
      setupFilesAfterEnv: [...withDatabase.setupFilesAfterEnv, '<rootDir>/test/soak/jest-timeout.ts'],
    },
  ],
};

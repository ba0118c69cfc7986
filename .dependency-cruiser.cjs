// @ts-check
/** The layer rules of docs/architecture.md, checked by `npm run lint:layers` (part of `npm test`). */

const INFRASTRUCTURE =
  '^(node_modules/)?(@nestjs|typeorm|bullmq|ioredis|socket\\.io|pg|nestjs-cls|nestjs-pino|pino)(/|$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules in a cycle cannot be understood, tested or loaded one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'libs/domain holds the rules: plain TypeScript, testable without Nest, a database or a queue.',
      from: { path: '^libs/domain/' },
      to: { path: [INFRASTRUCTURE, '^libs/(application|persistence|messaging|config)/', '^apps/'] },
    },
    {
      name: 'domain-and-contracts-only-from-contracts',
      severity: 'error',
      comment: 'libs/contracts is what clients see: it depends on nothing of ours.',
      from: { path: '^libs/contracts/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/contracts/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'application-behind-ports',
      severity: 'error',
      comment: 'The application layer speaks to storage and queues through its ports, never their implementations.',
      from: { path: '^libs/application/' },
      to: { path: ['^libs/(persistence|messaging)/', '^(node_modules/)?(typeorm|bullmq|ioredis|socket\\.io|pg)(/|$)'] },
    },
    {
      name: 'apps-reach-persistence-only-to-wire',
      severity: 'error',
      comment:
        'Processes wire the persistence module in (modules, main, CLIs); everything else goes through application ports.',
      from: { path: '^apps/', pathNot: ['\\.module\\.ts$', '/main\\.ts$', '/cli/', '\\.(int-)?spec\\.ts$'] },
      to: { path: '^libs/persistence/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'production-code-not-from-tests',
      severity: 'error',
      comment: 'dist/ ships no test code: product files never import specs, fixtures or test support.',
      from: { path: '^(apps|libs)/', pathNot: ['\\.(int-)?spec\\.ts$', '\\.fixtures\\.ts$', '/testing/'] },
      to: { path: ['\\.(int-)?spec\\.ts$', '\\.fixtures\\.ts$', '^test/', '/testing/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|\\.node)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

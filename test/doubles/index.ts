/** In-memory stand-ins for the application's ports, for handler unit tests; infrastructure is tested for real elsewhere. */
export * from './access-audit';
export * from './board';
export * from './fake-store';
export * from './feed-harness';
export * from './feeds';
export * from './pages';
export * from './readers';
export * from './reference';
export * from './request-context';
export * from './writers/cell.fake';
export * from './writers/daily-feed.fake';
export * from './writers/decision-log.fake';
export * from './writers/decision-request.fake';
export * from './writers/escalation.fake';
export * from './writers/fake-aggregates';
export * from './writers/retention.fake';
export * from './writers/sitrep.fake';

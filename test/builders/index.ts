/** Builders of domain objects for every test tier: factories with defaults and overrides, and the region's constants. */
export * from './actions';
export * from './cells';
export * from './decision-requests';
export * from './decisions';
export * from './escalations';
export * from './feed-views';
export * from './feeds';
export * from './people';
export * from './present';
export * from './region';
export * from './rules';
export * from './sitreps';
export * from './time';
export * from './messages';

export * from './events';
export * from './marking';
export * from './problems';
export * from './roles';
export * from './topics';
export * from './journal-record';

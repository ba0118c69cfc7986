export { createRedis } from './redis/redis-connection';
export { entryId, liveStreamKey, seqOfEntryId } from './live/live-stream';
export { LivePublisher } from './live/live-publisher';
export { LiveSubscriber } from './live/live-subscriber';
export { JournalRelay } from './relay/journal-relay';
export type { PublishableEvent } from './live/live-publisher';
export type { RelayLogger, RelayOptions, RelaySink, RelaySource } from './relay/journal-relay';

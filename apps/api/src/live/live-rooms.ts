import { sensitiveAudience } from '@muster/domain';
import type { JournalRecord } from '@muster/contracts';

/** Sockets in replay are left out of broadcasts; their events are buffered and sent after the replay. */
export const REPLAYING_ROOM = 'replaying';

export const topicRoom = (topic: string) => `t:${topic}`;
const sensitiveRoom = (topic: string, key: string) => `t:${topic}|s:${key}`;

/**
 * The rooms a socket joins for a topic: the topic's own (OFFICIAL events) and one per need-to-know
 * grant (OFFICIAL-SENSITIVE events), so one broadcast reaches exactly the sockets allowed to see it.
 */
export function roomsToJoin(topic: string, grants: readonly string[]): string[] {
  return [topicRoom(topic), ...grants.map((grant) => sensitiveRoom(topic, grant))];
}

export function roomsFor(record: JournalRecord): string[] {
  if (record.marking === 'OFFICIAL') return record.topics.map(topicRoom);
  const audience = sensitiveAudience(record);
  return record.topics.flatMap((topic) => audience.map((key) => sensitiveRoom(topic, key)));
}

import { EventType, Marking } from '@muster/contracts';

/** A fact to append to the journal; the journal gives it its global position and time. */
export interface DomainEvent<TData extends object = object> {
  type: EventType;
  cell?: string;
  /** Set when the event belongs to one authority (shown as `authority` on the live event). */
  authority?: string;
  /** Every authority the event concerns: decides its topics and who has a need to know. */
  authorities: string[];
  marking: Marking;
  data: TData;
}

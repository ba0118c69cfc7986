import { Foundation1763798400000 } from './1763798400000-foundation';
import { Escalations1763884800000 } from './1763884800000-escalations';
import { SitrepCutoff1763971200000 } from './1763971200000-sitrep-cutoff';
import { Situation1764057600000 } from './1764057600000-situation';
import { Feeds1764144000000 } from './1764144000000-feeds';
import { DataProtection1764230400000 } from './1764230400000-data-protection';
import { LiveStreamEpoch1764316800000 } from './1764316800000-live-stream-epoch';
import { Operations1764403200000 } from './1764403200000-operations';
import { ConsoleSession1764489600000 } from './1764489600000-console-session';
import { FeedTokens1764576000000 } from './1764576000000-feed-tokens';
import { People1764662400000 } from './1764662400000-people';
import { Notifications1764748800000 } from './1764748800000-notifications';
import { EscalationUpdates1764835200000 } from './1764835200000-escalation-updates';
import { Actions1764921600000 } from './1764921600000-actions';

/** Every migration, oldest first. Listed rather than globbed so tests and builds run the same set. */
export const migrations = [
  Foundation1763798400000,
  Escalations1763884800000,
  SitrepCutoff1763971200000,
  Situation1764057600000,
  Feeds1764144000000,
  DataProtection1764230400000,
  LiveStreamEpoch1764316800000,
  Operations1764403200000,
  ConsoleSession1764489600000,
  FeedTokens1764576000000,
  People1764662400000,
  Notifications1764748800000,
  EscalationUpdates1764835200000,
  Actions1764921600000,
];

import { Inject, Injectable } from '@nestjs/common';
import { Client } from 'pg';
import { type LeadershipEvents, RelayLocks, type RelayLeadership as Leadership } from '@muster/application';
import { CONFIG, type Config } from '@muster/config';
import { JOURNAL_CHANNEL } from './journal.writer';

/** One advisory lock per database: whoever holds it is the active relay. */
const RELAY_LOCK_KEY = 7_311_402_001;

/**
 * A dedicated session that holds the relay lock and LISTENs for journal appends. The lock lives as
 * long as the session: if the process dies or the connection drops, a standby takes over.
 */
export class RelayLeadership implements Leadership {
  private client: Client | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly events: LeadershipEvents,
  ) {}

  /** Tries once; true when this process is now the active relay. */
  async tryAcquire(): Promise<boolean> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'muster-relay' });
    let lost = false;
    client.on('error', (error) => {
      if (!lost) {
        lost = true;
        this.events.onLost(error);
      }
    });
    await client.connect();
    const rows = await client.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock($1) AS acquired', [
      RELAY_LOCK_KEY,
    ]);
    if (rows.rows[0]?.acquired !== true) {
      await client.end();
      return false;
    }
    client.on('notification', () => this.events.onNotify());
    client.on('end', () => {
      if (!lost && this.client === client) {
        lost = true;
        this.events.onLost(new Error('relay session ended'));
      }
    });
    try {
      await client.query(`LISTEN ${JOURNAL_CHANNEL}`);
    } catch (error) {
      // Ending the session releases the lock, so a standby can take over.
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return true;
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
  }
}

/** Relay leadership on the configured database, one session per attempt. */
@Injectable()
export class PostgresRelayLocks extends RelayLocks {
  constructor(@Inject(CONFIG) private readonly config: Config) {
    super();
  }

  leadership(events: LeadershipEvents): RelayLeadership {
    return new RelayLeadership(this.config.database.url, events);
  }
}

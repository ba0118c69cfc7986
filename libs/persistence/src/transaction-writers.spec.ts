import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import type { WriterPort } from '@muster/application';
import { fakeWriters } from '@muster/doubles';
import { TransactionWriters, writerRegistrations } from './transaction-writers';

const PORTS_FOLDER = path.join(__dirname, '../../application/src/ports/writers');
const load = createRequire(__filename);

/** Every writer port the application declares: the abstract classes of its ports/writers folder. */
function declaredPorts(): Array<WriterPort<object>> {
  return readdirSync(PORTS_FOLDER)
    .filter((file) => file.endsWith('.writer.ts'))
    .flatMap((file) => Object.values(load(path.join(PORTS_FOLDER, file)) as Record<string, unknown>))
    .filter(
      (value): value is WriterPort<object> =>
        typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value)),
    );
}

describe('writer registrations', () => {
  const names = (ports: Iterable<WriterPort<object>>) => [...ports].map((port) => port.name).sort();

  it('finds the application’s writer ports', () => {
    expect(names(declaredPorts())).toEqual([
      'ActionWriter',
      'CellWriter',
      'DailyFeedWriter',
      'DecisionLogWriter',
      'DecisionRequestWriter',
      'EscalationWriter',
      'FeedTokenWriter',
      'PersonWriter',
      'RetentionWriter',
      'RotaWriter',
      'SitrepWriter',
    ]);
  });

  it('gives every writer port a PostgreSQL writer, and nothing else', () => {
    expect(names(writerRegistrations().keys())).toEqual(names(declaredPorts()));
  });

  it('gives every writer port a fake for the handlers’ unit tests, and nothing else', () => {
    expect(names(fakeWriters().map((fake) => fake.port))).toEqual(names(declaredPorts()));
  });

  it('makes one writer per port per transaction, and refuses a port nobody registered', () => {
    // The writers are only made here, never used: no query reaches the manager.
    const writers = new TransactionWriters(Object.create(null) as EntityManager);
    const [port] = writerRegistrations().keys();
    if (port === undefined) throw new Error('no writer registered');
    expect(writers.get(port)).toBe(writers.get(port));
    abstract class Unregistered {
      abstract write(): Promise<void>;
    }
    expect(() => writers.get(Unregistered)).toThrow('no writer is registered for Unregistered');
  });
});

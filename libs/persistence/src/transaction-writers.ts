import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import type { WriterPort } from '@muster/application';

/** How one writer port is made for a transaction: registered beside its implementation, in a `*.writer.ts` file. */
export interface WriterRegistration<W extends object> {
  readonly port: WriterPort<W>;
  create(manager: EntityManager): W;
}

const REGISTRATION = Symbol('muster.writer');

/** Registers the PostgreSQL implementation of a writer port; `tx.get(port)` then hands out one per transaction. */
export function writerFor<W extends object>(
  port: WriterPort<W>,
  create: (manager: EntityManager) => W,
): WriterRegistration<W> {
  return Object.assign({ port, create }, { [REGISTRATION]: true });
}

function isRegistration(value: unknown): value is WriterRegistration<object> {
  return typeof value === 'object' && value !== null && REGISTRATION in value;
}

/** Files whose registrations the unit of work finds by themselves, as TypeORM finds entities by a glob. */
const WRITER_FILE = /\.writer\.(ts|js)$/;
/** Loads a module by its path, as Node's require does (the files are named at run time). */
const load = createRequire(__filename);

let registered: ReadonlyMap<WriterPort<object>, WriterRegistration<object>> | undefined;

/**
 * Every registration in a `*.writer.ts` file of this library, by port: a new aggregate's writer is found
 * without a list to extend. Loaded on first use, after every module it imports is ready.
 */
export function writerRegistrations(): ReadonlyMap<WriterPort<object>, WriterRegistration<object>> {
  if (registered !== undefined) return registered;
  const found = new Map<WriterPort<object>, WriterRegistration<object>>();
  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter((file) => WRITER_FILE.test(file));
  for (const file of files.sort()) {
    // Discovery by file name is the point: a static import list would be the shared list this avoids.
    const exported = load(path.join(__dirname, file)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (!isRegistration(value)) continue;
      if (found.has(value.port)) throw new Error(`${value.port.name} is registered twice (again in ${file})`);
      found.set(value.port, value);
    }
  }
  registered = found;
  return found;
}

/** The writers of one transaction: each made on first use and kept for the rest of the transaction. */
export class TransactionWriters {
  private readonly made = new Map<WriterPort<object>, object>();

  constructor(private readonly manager: EntityManager) {}

  get<W extends object>(port: WriterPort<W>): W {
    let writer = this.made.get(port);
    if (writer === undefined) {
      const registration = writerRegistrations().get(port);
      if (registration === undefined)
        throw new Error(`no writer is registered for ${port.name} (a *.writer.ts file in libs/persistence)`);
      writer = registration.create(this.manager);
      this.made.set(port, writer);
    }
    return writer as W;
  }
}

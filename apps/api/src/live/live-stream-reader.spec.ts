import type { StreamEntry } from '@muster/messaging';
import type { LivePosition } from '@muster/application';
import { LiveStreamReader, type StreamRead } from './live-stream-reader';

/** A stream per epoch and a PostgreSQL position, both set by each test; reads are recorded. */
class World {
  streams = new Map<string, number[]>();
  position: LivePosition = { epoch: 'a', sequenced: 0 };
  readonly reads: Array<{ epoch: string; after: number }> = [];
  positionReads = 0;
  readonly warnings: string[] = [];

  reader(): LiveStreamReader {
    const reader = new LiveStreamReader(
      {
        readAfter: (epoch: string, after: number): Promise<StreamEntry[]> => {
          this.reads.push({ epoch, after });
          const seqs = (this.streams.get(epoch) ?? []).filter((seq) => seq > after);
          return Promise.resolve(seqs.map((seq) => ({ seq, event: { seq } })));
        },
        disconnect: () => undefined,
      },
      {
        livePosition: () => {
          this.positionReads += 1;
          return Promise.resolve({ ...this.position });
        },
      },
      { info: () => undefined, warn: (_details, message) => this.warnings.push(message) },
    );
    reader.start({ ...this.position });
    return reader;
  }
}

const seqsOf = (read: StreamRead): number[] | undefined =>
  'entries' in read ? read.entries.map((entry) => entry.seq) : undefined;

describe('LiveStreamReader', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Runs a read to its end, moving the clock past any pause it takes. */
  const read = async (reader: LiveStreamReader, after: number): Promise<StreamRead> => {
    const pending = reader.readAfter(after);
    await jest.advanceTimersByTimeAsync(1_000);
    return pending;
  };

  it('takes entries once one past the frontier is a position PostgreSQL gave under the same epoch, then without asking again', async () => {
    const world = new World();
    world.position = { epoch: 'a', sequenced: 3 };
    world.streams.set('a', [1, 2, 3]);
    const reader = world.reader();

    expect(seqsOf(await read(reader, 1))).toEqual([2, 3]);
    world.streams.set('a', [1, 2, 3, 4, 5]);
    world.position = { epoch: 'a', sequenced: 5 };
    const asked = world.positionReads;
    expect(seqsOf(await read(reader, 3))).toEqual([4, 5]);
    expect(world.positionReads).toBe(asked);
  });

  it('takes nothing from a stream ahead of PostgreSQL, says so once, and answers with where PostgreSQL stands', async () => {
    const world = new World();
    world.position = { epoch: 'a', sequenced: 2 };
    world.streams.set('a', [1, 2, 3, 4]);
    const reader = world.reader();

    expect(await read(reader, 2)).toEqual({ position: { epoch: 'a', sequenced: 2 } });
    expect(await read(reader, 2)).toEqual({ position: { epoch: 'a', sequenced: 2 } });
    expect(world.warnings).toHaveLength(1);
    expect(world.warnings[0]).toContain('ahead of the journal');
  });

  it('follows the epoch PostgreSQL names, and checks the new stream before taking from it', async () => {
    const world = new World();
    world.position = { epoch: 'a', sequenced: 2 };
    world.streams.set('a', [1, 2, 3, 4]);
    const reader = world.reader();
    expect(await read(reader, 2)).toEqual({ position: { epoch: 'a', sequenced: 2 } });

    // The relay starts a new stream from position 2 and publishes 3.
    world.position = { epoch: 'b', sequenced: 3 };
    world.streams.set('b', [3]);
    expect(await read(reader, 2)).toEqual({ position: { epoch: 'b', sequenced: 3 } });
    expect(seqsOf(await read(reader, 2))).toEqual([3]);
    expect(world.reads.at(-1)).toEqual({ epoch: 'b', after: 2 });
  });

  it('reads no stream before a relay has named one, and then the one it names', async () => {
    const world = new World();
    world.position = { epoch: undefined, sequenced: 0 };
    const reader = world.reader();
    expect(await read(reader, 0)).toEqual({ position: { epoch: undefined, sequenced: 0 } });
    expect(world.reads).toEqual([]);

    world.position = { epoch: 'a', sequenced: 1 };
    world.streams.set('a', [1]);
    expect(await read(reader, 0)).toEqual({ position: { epoch: 'a', sequenced: 1 } });
    expect(seqsOf(await read(reader, 0))).toEqual([1]);
  });

  it('checks its stream again once told the frontier went back', async () => {
    const world = new World();
    world.position = { epoch: 'a', sequenced: 4 };
    world.streams.set('a', [1, 2, 3, 4]);
    const reader = world.reader();
    expect(seqsOf(await read(reader, 2))).toEqual([3, 4]);

    // The database went back to 2 under the same epoch: 3 and 4 are another history's.
    world.position = { epoch: 'a', sequenced: 2 };
    reader.distrust();
    expect(await read(reader, 2)).toEqual({ position: { epoch: 'a', sequenced: 2 } });
  });
});

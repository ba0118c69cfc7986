#!/usr/bin/env node
// The bare primitive of the timers benchmark, in its own process (as Muster's worker is): a BullMQ Worker
// that records, for each delayed job, when processing started against when the job was due
// (job.timestamp + delay). Started by bench/timers.mjs through IPC; not meant to be run by hand.
//
//   env: BENCH_REDIS_URL, BENCH_QUEUE_PREFIX, BENCH_QUEUE, BENCH_CONCURRENCY
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

const { BENCH_REDIS_URL, BENCH_QUEUE_PREFIX, BENCH_QUEUE, BENCH_CONCURRENCY } = process.env;
if (!process.send || !BENCH_REDIS_URL || !BENCH_QUEUE_PREFIX || !BENCH_QUEUE) {
  console.error('timers-bare-worker: start me from bench/timers.mjs');
  process.exit(2);
}

const records = [];
const connection = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: null, connectionName: 'bench-bare-worker' });
connection.on('error', () => undefined);
const worker = new Worker(
  BENCH_QUEUE,
  async (job) => {
    const startedAt = Date.now();
    records.push({ id: job.id, startedAt, dueAt: job.timestamp + (job.opts.delay ?? 0) });
  },
  {
    connection,
    prefix: BENCH_QUEUE_PREFIX,
    concurrency: Number(BENCH_CONCURRENCY ?? 16),
    // The same lock and stall settings as Muster's timer workers.
    lockDuration: 10_000,
    stalledInterval: 5_000,
  },
);
worker.on('error', (error) => process.send({ type: 'error', message: error.message }));

const progress = setInterval(() => process.send({ type: 'progress', done: records.length }), 250);

process.on('message', async (message) => {
  if (message?.type !== 'finish') return;
  clearInterval(progress);
  await worker.close();
  connection.disconnect();
  process.send({ type: 'records', records }, () => process.disconnect());
});
process.on('disconnect', () => process.exit(0));

await worker.waitUntilReady();
process.send({ type: 'ready' });

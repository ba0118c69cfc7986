import { CONTEXT_KEYS } from '../env';
import { databasesStartingWith, dropDatabase, errorMessage, withPg } from '../postgres';
import { deleteRedisKeys } from '../redis';

const SET_UP = Symbol.for('muster.test.globalSetup');

/** Drops the run's template and every database cloned from it, and deletes the run's Redis keys. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env[CONTEXT_KEYS.runId];
  const templateDb = process.env[CONTEXT_KEYS.templateDb];
  const pgAdminUrl = process.env[CONTEXT_KEYS.pgAdminUrl];
  const redisUrl = process.env[CONTEXT_KEYS.redisUrl];
  if (!runId || !templateDb || !pgAdminUrl || !redisUrl) return;

  const problems: string[] = [];
  await withPg(pgAdminUrl, async (client) => {
    const clones = await databasesStartingWith(client, `${templateDb}_`);
    const names = [...clones, templateDb];
    for (const name of names) {
      await dropDatabase(client, name).catch((error: unknown) => problems.push(`drop ${name}: ${errorMessage(error)}`));
    }
  }).catch((error: unknown) => problems.push(errorMessage(error)));

  await deleteRedisKeys(runId, redisUrl).catch((error: unknown) => problems.push(`redis: ${errorMessage(error)}`));

  for (const key of Object.values(CONTEXT_KEYS)) Reflect.deleteProperty(process.env, key);
  Reflect.deleteProperty(globalThis, SET_UP);
  if (problems.length > 0) {
    process.stderr.write(`muster test teardown left things behind:\n  ${problems.join('\n  ')}\n`);
  }
}

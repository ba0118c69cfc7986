import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { CONSOLE_ROOT, GOVUK_DIST } from './views';

export const ASSETS_PATH = '/assets';

const CONSOLE_ASSETS = join(CONSOLE_ROOT, 'assets');
const SOCKET_IO_CLIENT = join(dirname(require.resolve('socket.io/package.json')), 'client-dist');
/** Looked up in this order: GOV.UK's fonts and images, the console's own files, GOV.UK's CSS and JS, socket.io's client. */
const ROOTS = [join(GOVUK_DIST, 'govuk', 'assets'), CONSOLE_ASSETS, join(GOVUK_DIST, 'govuk'), SOCKET_IO_CLIENT];
/** Only these are served: the roots hold other files (Sass, templates, source maps) nobody needs. */
const FILES = new Set([
  '/console.js',
  '/console.css',
  '/decision-log.css',
  '/report.css',
  '/govuk-frontend.min.css',
  '/govuk-frontend.min.js',
  '/socket.io.esm.min.js',
  '/manifest.json',
]);
const FOLDERS = /^\/(fonts|images)\/[\w.-]+$/;

/**
 * A version for the asset URLs (`?v=`): the files are cached for a year, so a deployment that changes
 * any of them must change their addresses. Taken from their content at start.
 */
export function assetVersion(): string {
  const hash = createHash('sha256');
  for (const file of FILES) {
    const root = ROOTS.find((dir) => {
      try {
        hash.update(readFileSync(join(dir, file)));
        return true;
      } catch {
        return false;
      }
    });
    if (root === undefined) throw new Error(`console asset ${file} is missing (was the build's copy step run?)`);
  }
  return hash.digest('base64url').slice(0, 12);
}

/**
 * GOV.UK Frontend's CSS, JS, fonts and images, the console's script and socket.io's browser client at
 * /assets: the same for everyone and versioned, so cached for a year; pages never are.
 */
export async function setUpStaticAssets(assets: FastifyInstance): Promise<void> {
  assets.addHook('onRoute', (route) => {
    route.config = { ...route.config, cacheable: true, securityHeaders: 'console' };
  });
  await assets.register(fastifyStatic, {
    root: ROOTS,
    prefix: `${ASSETS_PATH}/`,
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    allowedPath: (path) => FILES.has(path) || FOLDERS.test(path),
    cacheControl: true,
    maxAge: '365d',
    immutable: true,
  });
}

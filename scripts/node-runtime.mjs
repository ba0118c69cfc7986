#!/usr/bin/env node
// Node 24 LTS for every script, even on a machine whose own Node is older: the npm registry ships Node itself
// as `node-<platform>-<arch>`, so the version in .nvmrc is installed once under .node/ with npm alone.
//
//   node scripts/node-runtime.mjs            prints the path of a Node 24 binary (installing it if needed)
//   node scripts/node-runtime.mjs FILE ARGS  runs FILE (a script or a dist/ entry point) on Node 24
//
// Written for any Node from 18 on: it is what runs before Node 24 is there.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The exact version installed where the machine's Node is too old; any Node from this major on is used as it is. */
export const NODE_VERSION = readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim();
const REQUIRED_MAJOR = Number(NODE_VERSION.split('.')[0]);

export const isSupported = (version = process.versions.node) => Number(version.split('.')[0]) >= REQUIRED_MAJOR;

/** A Node binary of the required major: this one, or the project-local install (made now if missing). */
export function nodeBinary() {
  if (isSupported()) return process.execPath;
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const pkg = `node-${platform}-${process.arch}`;
  const prefix = path.join(ROOT, '.node', NODE_VERSION);
  const binary = path.join(prefix, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(binary)) {
    console.error(
      `[node] this machine has Node ${process.versions.node}; installing Node ${NODE_VERSION} under .node/ (${pkg})`,
    );
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const args = [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `${pkg}@${NODE_VERSION}`,
    ];
    const result = spawnSync(npm, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0 || !existsSync(binary)) {
      console.error(
        `[node] could not install ${pkg}@${NODE_VERSION}; install Node ${REQUIRED_MAJOR} (e.g. \`nvm install\`) and retry`,
      );
      process.exit(1);
    }
  }
  return binary;
}

/**
 * Carries on in this process when its Node is new enough; otherwise runs `script` again on Node 24, with that
 * Node first on PATH so that everything it starts (npm, jest, the api) runs on it too, and exits as it exits.
 */
export async function onSupportedNode(script, args = process.argv.slice(2)) {
  if (isSupported()) return;
  const binary = nodeBinary();
  const env = { ...process.env, PATH: `${path.dirname(binary)}${path.delimiter}${process.env.PATH ?? ''}` };
  const child = spawn(binary, [script, ...args], { stdio: 'inherit', env });
  // The terminal's Ctrl-C reaches the child by itself (same process group); a SIGTERM sent to us is passed on.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  const code = await new Promise((resolve) =>
    child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))),
  );
  process.exit(code);
}

const invokedDirectly =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const [target, ...args] = process.argv.slice(2);
  if (target === undefined) {
    console.log(nodeBinary());
  } else {
    const file = path.resolve(target);
    await onSupportedNode(file, args);
    // Already on Node 24: run the target in this process, as if it had been started directly.
    process.argv = [process.argv[0] ?? process.execPath, file, ...args];
    await import(pathToFileURL(file).href);
  }
}

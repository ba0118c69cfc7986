import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ORPHAN_GUARD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'orphan-guard.cjs');

/** Every process started here and not yet known to have exited, for cleanup after a failure. */
const live = new Set();

/**
 * A Node child process started by a benchmark. It is only ever signalled through its own pid; its output
 * is drained (a full pipe would stall it) and the last lines are kept for error messages.
 */
export class Child {
  constructor({ name, script, args = [], nodeArgs = [], env, ipc = false, echo = process.env.BENCH_ECHO === '1' }) {
    this.name = name;
    this.nodeArgs = nodeArgs;
    this.script = path.resolve(REPO_ROOT, script);
    this.args = args;
    this.env = env;
    this.ipc = ipc;
    this.echo = echo;
    this.lines = [];
    this.watchers = new Set();
    this.exit = undefined;
  }

  get pid() {
    return this.child?.pid;
  }

  get running() {
    return this.child !== undefined && this.exit === undefined;
  }

  start() {
    if (!existsSync(this.script))
      throw new Error(`${this.name}: ${this.script} does not exist (run \`npm run build\`)`);
    const child = spawn(process.execPath, [...this.nodeArgs, '--require', ORPHAN_GUARD, this.script, ...this.args], {
      cwd: REPO_ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe', ...(this.ipc ? ['ipc'] : [])],
    });
    this.child = child;
    live.add(this);
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) this.onLine(line);
      });
      stream.on('end', () => partial && this.onLine(partial));
    }
    this.exited = new Promise((resolve) => {
      const done = (info) => {
        this.exit ??= info;
        live.delete(this);
        for (const watcher of this.watchers) watcher.onExit(this.exit);
        resolve(this.exit);
      };
      child.once('exit', (code, signal) => done({ code, signal }));
      child.once('error', (error) => {
        this.onLine(`spawn failed: ${error.message}`);
        done({ code: null, signal: null });
      });
    });
    return this;
  }

  onLine(line) {
    this.lines.push(line);
    if (this.lines.length > 300) this.lines.splice(0, this.lines.length - 300);
    if (this.echo) process.stderr.write(`[${this.name}] ${line}\n`);
    for (const watcher of this.watchers) watcher.onLine(line);
  }

  tail(count = 40) {
    return this.lines.slice(-count).join('\n');
  }

  describeExit() {
    if (!this.exit) return 'running';
    return this.exit.signal ? `signal ${this.exit.signal}` : `code ${this.exit.code}`;
  }

  /** Resolves when an output line matches `pattern`; rejects if the process exits first or after `timeoutMs`. */
  waitForLine(pattern, timeoutMs) {
    return new Promise((resolve, reject) => {
      const watcher = {
        onLine: (line) => pattern.test(line) && finish(null, line),
        onExit: () => finish(new Error(`${this.name} exited (${this.describeExit()}) before printing ${pattern}`)),
      };
      const timer = setTimeout(
        () => finish(new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const finish = (error, line) => {
        clearTimeout(timer);
        this.watchers.delete(watcher);
        if (error) reject(new Error(`${error.message}. Its last output:\n${this.tail()}`));
        else resolve(line);
      };
      const seen = this.lines.find((line) => pattern.test(line));
      if (seen !== undefined) return finish(null, seen);
      if (!this.running) return watcher.onExit();
      this.watchers.add(watcher);
    });
  }

  /** SIGTERM to this pid, then SIGKILL if it has not exited after `timeoutMs`. */
  async stop(timeoutMs = 15_000) {
    if (!this.running) return this.exit;
    this.child.kill('SIGTERM');
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (outcome !== 'timeout') return outcome;
    this.onLine(`(still running ${timeoutMs} ms after SIGTERM: SIGKILL)`);
    this.child.kill('SIGKILL');
    return this.exited;
  }
}

/** Stops every child still running (each by its own pid). */
export async function stopAll(timeoutMs = 15_000) {
  await Promise.allSettled([...live].map((child) => child.stop(timeoutMs)));
}

/** Runs a Node script to completion with a bound; throws with its output if it fails. */
export async function runScript(name, script, env, timeoutMs) {
  const child = new Child({ name, script, env }).start();
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([child.exited, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    await child.stop(5_000);
    throw new Error(`${name} did not finish within ${timeoutMs} ms. Its last output:\n${child.tail()}`);
  }
  if (outcome.code !== 0) throw new Error(`${name} failed (${child.describeExit()}). Its output:\n${child.tail()}`);
  return child.tail();
}

/** Runs a scenario's `main` as the process: exit 0 when it finishes, 1 (with the stack) when it fails. */
export function runScenario(name, main) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(`[bench:${name}] failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exit(1);
    },
  );
}

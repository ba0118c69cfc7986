import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../env';
import { OutputBuffer } from './output-buffer';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when stop() had to SIGKILL after SIGTERM was not enough. */
  forced: boolean;
}

export interface ProcessSpec {
  name: string;
  /** Script path (absolute, or relative to the repository root), run with `node`. */
  script: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
  /** Resolves once the process can be used; called right after spawn (so no output line is missed). */
  ready: (output: OutputBuffer, signal: AbortSignal) => Promise<void>;
  readyTimeoutMs: number;
  stopTimeoutMs: number;
}

const echo = process.env['MUSTER_TEST_ECHO'] === '1';
const ORPHAN_GUARD = path.join(__dirname, 'orphan-guard.cjs');

/** One child process started by a test: only ever signalled by its own pid. */
export class ManagedProcess {
  readonly output: OutputBuffer;
  private child: ChildProcess | undefined;
  private exited: Promise<ExitInfo> | undefined;
  private lastExit: ExitInfo | undefined;

  constructor(private readonly spec: ProcessSpec) {
    this.output = new OutputBuffer(500, echo ? (line) => process.stderr.write(`[${this.label}] ${line}\n`) : undefined);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.lastExit === undefined;
  }

  /** How it last exited, if it has (including a crash nobody asked for). */
  get exitInfo(): ExitInfo | undefined {
    return this.lastExit;
  }

  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.label} is already running`);
    const script = path.resolve(REPO_ROOT, this.spec.script);
    if (!existsSync(script)) {
      throw new Error(`${this.spec.name}: ${this.spec.script} does not exist; run \`npm run build\` first`);
    }
    const args = ['--require', ORPHAN_GUARD, script, ...(this.spec.args ?? [])];
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: this.spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.lastExit = undefined;
    child.stdout?.on('data', (chunk: Buffer) => this.output.write('stdout', chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.output.write('stderr', chunk));
    this.exited = new Promise<ExitInfo>((resolve) => {
      const done = (info: ExitInfo): void => {
        this.output.end();
        this.lastExit ??= info;
        resolve(this.lastExit);
      };
      child.once('exit', (code, signal) => done({ code, signal, forced: false }));
      child.once('error', (error) => {
        this.output.write('stderr', `spawn failed: ${error.message}\n`);
        done({ code: null, signal: null, forced: false });
      });
    });

    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.spec.ready(this.output, abort.signal),
        this.exited.then((info) => {
          throw new Error(`exited (${describeExit(info)}) before it was ready`);
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`was not ready after ${this.spec.readyTimeoutMs} ms`)),
            this.spec.readyTimeoutMs,
          );
        }),
      ]);
    } catch (error) {
      if (this.running) await this.kill();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${this.label} ${reason}. Its last output:\n${this.output.tail()}`, { cause: error });
    } finally {
      abort.abort();
      clearTimeout(timer);
    }
  }

  /** SIGTERM, wait for a graceful exit, SIGKILL after `stopTimeoutMs`. */
  async stop(): Promise<ExitInfo> {
    return this.signal('SIGTERM');
  }

  /** SIGKILL: a crash, no shutdown hooks. */
  async kill(): Promise<ExitInfo> {
    return this.signal('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private get label(): string {
    return `${this.spec.name}[${this.child?.pid ?? '-'}]`;
  }

  private async signal(signal: 'SIGTERM' | 'SIGKILL'): Promise<ExitInfo> {
    const { child, exited } = this;
    if (!child || !exited) throw new Error(`${this.spec.name} was never started`);
    if (!this.running) return exited;
    child.kill(signal);
    if (signal === 'SIGKILL') return exited;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.spec.stopTimeoutMs);
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome !== 'timeout') return outcome;
    this.output.write('stderr', `(no exit ${this.spec.stopTimeoutMs} ms after SIGTERM: sending SIGKILL)\n`);
    child.kill('SIGKILL');
    const info = await exited;
    info.forced = true;
    return info;
  }
}

export function describeExit(info: ExitInfo): string {
  return info.signal ? `signal ${info.signal}` : `code ${String(info.code)}`;
}

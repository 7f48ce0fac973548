/**
 * The real program (`src/main.ts` through tsx) as a child process with only the environment a test
 * gives it; its JSON log lines (stderr) are parsed as they arrive, so a test can wait for one.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LogEntry } from './capture-log.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type MainProcess = {
  readonly pid: number;
  /** Everything written so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** The log lines so far (stderr lines that parse as JSON). */
  logs(): LogEntry[];
  /** Resolves with the first log line matching, waiting for it (bounded); rejects if the process exits first. */
  waitForLog(match: (entry: LogEntry) => boolean, timeoutMs?: number): Promise<LogEntry>;
  /** Resolves when the process has exited and its streams closed. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Starts `src/main.ts` (or another entry point, e.g. `src/worker.ts`) with exactly this environment. */
export function startMain(env: Record<string, string>, script = 'src/main.ts'): MainProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const entries: LogEntry[] = [];
  let partial = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        entries.push(JSON.parse(line) as LogEntry);
      } catch {
        // not a log line (e.g. a Node warning): kept in stderr only
      }
    }
    for (const wake of waiters) wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      resolve({ code, signal });
      for (const wake of waiters) wake();
    });
  });
  let done = false;
  void exited.then(() => (done = true));

  return {
    pid: child.pid as number,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    logs: () => [...entries],
    waitForLog(match, timeoutMs = 30_000) {
      const error = new Error('waitForLog timed out');
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = entries.find(match);
          if (found) return finish(() => resolve(found));
          if (done || child.exitCode !== null) finish(() => reject(new Error(`the program exited before the log line came:\n${stderr}`)));
        };
        const timer = setTimeout(() => finish(() => reject(Object.assign(error, { message: `waitForLog timed out after ${timeoutMs} ms:\n${stderr.slice(-3000)}` }))), timeoutMs);
        const finish = (then: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          then();
        };
        waiters.add(check);
        check();
      });
    },
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

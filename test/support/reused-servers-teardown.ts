/**
 * Global set-up of `npm run mutate`'s vitest (vitest.mutate.config.ts): gives the pool of reused Redis
 * servers (test/support/redis-server.ts) a folder to note their PIDs in, set before any test worker starts,
 * and kills those servers when the run ends.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'nsz-reused-redis-'));
  process.env.TEST_REUSED_PID_DIR = dir;
  return () => {
    for (const name of readdirSync(dir).filter((n) => n.startsWith('pid-'))) {
      try {
        process.kill(Number(name.slice('pid-'.length)), 'SIGKILL');
      } catch {
        // Already gone (a test killed it).
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

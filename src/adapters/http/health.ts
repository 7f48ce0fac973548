/**
 * `/readyz`: 200 only when every dependency answers (Redis, and updates flowing from Telegram); 503 with
 * a JSON body naming what is not ready otherwise. `/healthz` (liveness) lives in http.ts: it only says
 * the process serves HTTP, so a supervisor restarts a hung process but not one waiting for Redis.
 */
import type { FastifyInstance } from 'fastify';

/** True when ready, or a short word saying why not (e.g. "retrying", "connecting"). */
export type ReadinessCheck = () => Promise<true | string> | true | string;

/** A check that takes longer than this is reported as "timeout": probes must answer quickly. */
const CHECK_TIMEOUT_MS = 1500;

export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();

  add(name: string, check: ReadinessCheck): this {
    this.checks.set(name, check);
    return this;
  }

  /** Every check's result, run in parallel, each bounded in time. */
  async report(): Promise<{ ready: boolean; checks: Record<string, string>; notReady: string[] }> {
    const results = await Promise.all([...this.checks].map(async ([name, check]) => [name, await bounded(check)] as const));
    const notReady = results.filter(([, r]) => r !== true).map(([name]) => name);
    return { ready: notReady.length === 0, checks: Object.fromEntries(results.map(([name, r]) => [name, r === true ? 'ok' : r])), notReady };
  }
}

async function bounded(check: ReadinessCheck): Promise<true | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('timeout'), CHECK_TIMEOUT_MS)));
  try {
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch {
    return 'error';
  } finally {
    clearTimeout(timer);
  }
}

export function registerReadiness(app: FastifyInstance, readiness: Readiness): void {
  app.get('/readyz', async (_request, reply) => {
    const report = await readiness.report();
    return reply.code(report.ready ? 200 : 503).header('cache-control', 'no-store').send(report);
  });
}

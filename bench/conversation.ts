/**
 * What one conversation turn costs through the conversation service on a real Redis (load → transition →
 * compare-and-set save → replies), beside the floor measured in the same run on the same connection: one
 * GET of a finished session's data plus one EVAL of a trivial script, i.e. the two round trips every turn
 * needs at least. Also Redis commands per turn and Redis memory per finished session (MEMORY USAGE).
 * `npx tsx bench/conversation.ts` prints the figures; BENCH_UNITS / BENCH_CONCURRENCY change the load.
 */
import { pathToFileURL } from 'node:url';
import { campaigns, findCampaign } from '../flows/index.ts';
import { RedisStore, shardOf, SHARDS } from '../src/adapters/store/redis-store.ts';
import { ConversationService } from '../src/app/conversation-service.ts';
import type { Campaign } from '../src/core/campaign.ts';
import { eventForText } from '../src/core/commands.ts';
import type { ConversationEvent } from '../src/core/conversation.ts';
import { completeAnswers, PROFILES, typedConversation } from '../test/support/profiles.ts';
import { startRedisCluster } from '../test/support/redis-cluster.ts';
import { startRedis } from '../test/support/redis-server.ts';

const NOW = new Date('2025-03-10T09:00:00+08:00');
const PREFIX = 'bench:';
const FLOOR_ROUNDS = 3000;
const WARM_UNITS = 5;

export type ConversationBenchOptions = {
  /** Units driven one after another (every turn timed alone). */
  sequentialUnits?: number;
  /** Units driven with `concurrency` of them in flight at once, each in its own order. */
  concurrentUnits?: number;
  concurrency?: number;
};

const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The events a unit sends for the enterpriseA profile: 开始, then one typed line per question. */
function conversationEvents(campaign: Campaign): ConversationEvent[] {
  const lines = ['开始', ...typedConversation(campaign, completeAnswers(campaign, PROFILES.enterpriseA))];
  return lines.map((line) => {
    const event = eventForText(line);
    if (typeof event === 'string') throw new Error(`"${line}" is a channel command, not a conversation event`);
    return event;
  });
}

/** Sum of Redis command calls so far (INFO commandstats, every master of a cluster), commands run inside Lua included. */
async function commandCalls(store: RedisStore): Promise<number> {
  const clients = 'nodes' in store.redis ? store.redis.nodes('master') : [store.redis];
  let total = 0;
  for (const client of clients) {
    const info = await client.info('commandstats');
    for (const match of info.matchAll(/^cmdstat_[^:]+:calls=(\d+)/gm)) total += Number(match[1]);
  }
  return total;
}

export async function benchConversation(options: ConversationBenchOptions = {}): Promise<Record<string, number | string>> {
  const redis = await startRedis();
  const single = await turns(redis.url, options).finally(() => redis.stop());
  // The same turns on a 3-master Redis Cluster: sessions and their index share a slot (see redis-store.ts).
  const cluster = await startRedisCluster();
  const onCluster = await turns(cluster.url, { ...options, sequentialUnits: Math.min(options.sequentialUnits ?? envNumber('BENCH_UNITS', 200), 100) }).finally(() => cluster.stop());
  return {
    ...single,
    cluster_seq_turns_per_s: onCluster.seq_turns_per_s as number,
    cluster_conc_turns_per_s: onCluster.conc_turns_per_s as number,
    cluster_seq_turn_p50_ms: onCluster.seq_turn_p50_ms as number,
    cluster_redis_commands_per_turn_incl_lua: onCluster.redis_commands_per_turn_incl_lua as number,
  };
}

async function turns(url: string, options: ConversationBenchOptions): Promise<Record<string, number | string>> {
  const sequentialUnits = options.sequentialUnits ?? envNumber('BENCH_UNITS', 200);
  const concurrentUnits = options.concurrentUnits ?? sequentialUnits;
  const concurrency = options.concurrency ?? envNumber('BENCH_CONCURRENCY', 16);
  const campaign = findCampaign('changji-2024') as Campaign;
  const events = conversationEvents(campaign);
  const clustered = url.includes(',');

  const store = new RedisStore({ url, prefix: PREFIX, retentionSeconds: 400 * 86_400 });
  const sessionKey = (key: string) => `${PREFIX}{${shardOf(key)}}:s:${key}`;
  try {
    await store.connect();
    const service = new ConversationService({ campaigns, store, clock: () => NOW });

    /** One unit's whole conversation; each turn's latency goes to `latencies`. */
    const converse = async (key: string, latencies: number[] | undefined) => {
      let last;
      for (const event of events) {
        const start = performance.now();
        last = await service.handle(key, event);
        latencies?.push(performance.now() - start);
        if (last.outcome !== 'ok') throw new Error(`${key}: turn ended with ${last.outcome}`);
      }
      if (last?.replies.at(-1)?.kind !== 'summary') throw new Error(`${key}: the conversation did not end with the summary`);
    };

    // Warm-up (JIT, connection, script cache): not timed, not counted in memory.
    for (let i = 0; i < WARM_UNITS; i++) await converse(`warm:${i}`, undefined);

    // The floor: GET of a finished session's size, then EVAL of a trivial script, on the same connection.
    // One floor round follows every sequential turn, so both are measured under the same conditions.
    const sessionData = (await store.load('warm:0'))?.data;
    const floorKey = `${PREFIX}{floor}`;
    await store.redis.set(floorKey, sessionData ?? '');
    const floor: number[] = [];
    const floorRound = async () => {
      const start = performance.now();
      await store.redis.get(floorKey);
      await store.redis.eval('return 1', 1, floorKey);
      floor.push(performance.now() - start);
    };
    for (let i = 0; i < 300; i++) await floorRound();
    floor.length = 0;

    // Sequential: one turn at a time, so each latency is one turn's own cost.
    const sequential: number[] = [];
    const callsBefore = await commandCalls(store);
    let seqBusy = 0;
    for (let i = 0; i < sequentialUnits; i++) {
      for (const event of events) {
        const start = performance.now();
        const result = await service.handle(`seq:${i}`, event);
        const ms = performance.now() - start;
        sequential.push(ms);
        seqBusy += ms;
        if (result.outcome !== 'ok') throw new Error(`seq:${i}: turn ended with ${result.outcome}`);
        if (event === events.at(-1) && result.replies.at(-1)?.kind !== 'summary') throw new Error(`seq:${i}: no summary at the end`);
        await floorRound();
      }
    }
    // Commands the turns ran: INFO itself is one call, each floor round two.
    const commandsPerTurn = ((await commandCalls(store)) - callsBefore - 1 - 2 * floor.length) / sequential.length;

    // Concurrent: `concurrency` units in flight, each unit's turns in order (as the per-chat queue keeps them).
    const concurrent: number[] = [];
    let nextUnit = 0;
    const concStart = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(concurrency, concurrentUnits) }, async () => {
        for (let i = nextUnit++; i < concurrentUnits; i = nextUnit++) await converse(`conc:${i}`, concurrent);
      }),
    );
    const concSeconds = (performance.now() - concStart) / 1000;

    // Memory per finished session (one server only: MEMORY USAGE is not routed by key on a cluster):
    // the session string itself, and its share of the staff index, activity and counters of every shard.
    let sessionBytes = 0;
    let indexBytes = 0;
    const sessions = WARM_UNITS + sequentialUnits + concurrentUnits;
    if (!clustered) {
      for (let i = 0; i < sequentialUnits; i++) sessionBytes += Number(await store.redis.call('MEMORY', 'USAGE', sessionKey(`seq:${i}`), 'SAMPLES', '0'));
      for (let shard = 0; shard < SHARDS; shard++) {
        for (const kind of ['u', 'a', 'c']) indexBytes += Number((await store.redis.call('MEMORY', 'USAGE', `${PREFIX}{${shard}}:${kind}:${campaign.id}`, 'SAMPLES', '0')) ?? 0);
      }
    }

    sequential.sort((a, b) => a - b);
    concurrent.sort((a, b) => a - b);
    floor.sort((a, b) => a - b);
    const turnP50 = quantile(sequential, 0.5);
    const floorP50 = quantile(floor, 0.5);
    return {
      profile: 'enterpriseA',
      turns_per_conversation: events.length,
      units: `${sequentialUnits} sequential + ${concurrentUnits} at ${concurrency} in flight`,
      seq_turns: sequential.length,
      seq_turns_per_s: round(sequential.length / (seqBusy / 1000), 0),
      seq_turn_p50_ms: round(turnP50),
      seq_turn_p99_ms: round(quantile(sequential, 0.99)),
      conc_turns_per_s: round(concurrent.length / concSeconds, 0),
      conc_turn_p50_ms: round(quantile(concurrent, 0.5)),
      conc_turn_p99_ms: round(quantile(concurrent, 0.99)),
      floor_get_eval_p50_ms: round(floorP50),
      floor_get_eval_p99_ms: round(quantile(floor, 0.99)),
      ratio_turn_p50_to_floor_p50: round(turnP50 / floorP50, 1),
      redis_commands_per_turn_incl_lua: round(commandsPerTurn, 2),
      session_data_bytes: Buffer.byteLength(sessionData ?? ''),
      redis_bytes_per_session: Math.round(sessionBytes / sequentialUnits),
      redis_index_bytes_per_session: Math.round(indexBytes / sessions),
    };
  } finally {
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchConversation())) console.log(`${k.padEnd(34)} ${v}`);
}

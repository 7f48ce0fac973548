/**
 * The bureau's figures at prefecture scale: 100,000 units in a real redis-server's index (made of real
 * conversation states at various stops, written through the store's own save), half of them on a roster.
 * Times /stats for the prefecture bureau (every area) and for one county, and a page of /units.
 */
import { pathToFileURL } from 'node:url';
import { findCampaign } from '../flows/index.ts';
import { StaffDirectory } from '../src/app/staff-directory.ts';
import { StaffService } from '../src/app/staff-service.ts';
import { unitIndexEntry } from '../src/app/unit-index.ts';
import { openStaffStores } from '../src/adapters/store/open-store.ts';
import { RedisStore } from '../src/adapters/store/redis-store.ts';
import type { Campaign } from '../src/core/campaign.ts';
import type { ConversationContext } from '../src/core/conversation.ts';
import { completeAnswers, PROFILES } from '../test/support/profiles.ts';
import { startRedis } from '../test/support/redis-server.ts';
import { creditCode, staffMembers } from '../test/support/staff.ts';
import { medianMs } from './support/timing.ts';

const UNITS = Number(process.env.BENCH_STAFF_UNITS ?? 100_000);
const RUNS = 5;

const timed = (run: () => Promise<unknown>) => medianMs(run, RUNS);

export async function benchStaff(): Promise<Record<string, number | string>> {
  const campaign = findCampaign('changji-2024') as Campaign;
  const redis = await startRedis();
  const now = new Date('2025-03-10T01:00:00Z');
  const store = new RedisStore({ url: redis.url, prefix: 'bench:', retentionSeconds: 30 * 86_400, now: () => now.getTime() });
  await store.connect();
  try {
    // Answer sets at several stops and outcomes; each unit takes one, with its own area, name and code.
    const shapes = [PROFILES.enterpriseA, PROFILES.enterpriseB, PROFILES.enterpriseC].flatMap((profile) => {
      const full = completeAnswers(campaign, profile, now);
      const ids = Object.keys(full);
      return [5, 12, 30, ids.length].map((n) => Object.fromEntries(ids.slice(0, n).map((id) => [id, full[id] ?? null])));
    });
    // The areas an enterprise may give (州直 is for organs and institutions only).
    const areas = campaign.areas.map((a) => a.id).filter((area) => unitIndexEntry('k', campaign, { answers: { ...shapes[0], area } } as unknown as ConversationContext, now).area === area);
    const { roster, audit } = openStaffStores(store, 'bench:');
    const seedStart = performance.now();
    const BATCH = 500;
    for (let i = 0; i < UNITS; i += BATCH) {
      await Promise.all(
        Array.from({ length: Math.min(BATCH, UNITS - i) }, (_, j) => {
          const n = i + j;
          const area = areas[n % areas.length] as string;
          const answers = { ...(shapes[n % shapes.length] as object), unit_name: `第${n}号单位`, credit_code: creditCode(n), area };
          const key = `tg:${1_000_000 + n}`;
          const index = unitIndexEntry(key, campaign, { answers } as unknown as ConversationContext, now);
          // As the conversation service does: the save, then the roster hears the unit's code.
          return store.save(key, 0, '{}', { index }).then(() => roster.markStarted(campaign.id, creditCode(n)));
        }),
      );
    }
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const staff = new StaffService({ directory: new StaffDirectory(staffMembers, [campaign]), campaigns: [campaign], store, roster, audit, clock: () => now });
    const prefecture = staff.scope(staffMembers[2]?.telegramIds[0])!;
    const county = staff.scope(staffMembers[0]?.telegramIds[0])!;
    // Half the units, and as many again who never started, are on the bureaus' rosters.
    // In files of 50,000 rows, the most one file may hold.
    for (let from = 0; from < UNITS; from += 50_000) {
      const rows = Array.from({ length: Math.min(50_000, UNITS - from) }, (_, i) => {
        const n = (from + i) * 2;
        return [`第${n}号单位`, creditCode(n), areas[n % areas.length] as string];
      });
      const imported = await staff.importRoster(prefecture, [['单位名称', '统一社会信用代码', '所在地区'], ...rows]);
      if (!imported.ok) throw new Error(`roster refused: ${JSON.stringify(imported.problems.slice(0, 3))}`);
    }
    const stats = await staff.stats(prefecture);
    if (stats.started + stats.finished + stats.outOfScope !== UNITS) throw new Error(`stats counted ${stats.started + stats.finished + stats.outOfScope} of ${UNITS}`);
    return {
      units_indexed: UNITS,
      roster_units: UNITS,
      seed_seconds: seedSeconds.toFixed(1),
      stats_prefecture_ms: (await timed(() => staff.stats(prefecture))).toFixed(0),
      stats_county_ms: (await timed(() => staff.stats(county))).toFixed(0),
      units_page_county_ms: (await timed(() => staff.units(county, { status: 'started' }, 0))).toFixed(0),
      not_started: stats.notStarted,
    };
  } finally {
    await store.close();
    await redis.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchStaff())) console.log(`${k.padEnd(24)} ${v}`);
}

/**
 * Our bot beside the bots a developer would pick instead, in one run of the shared peer harness
 * (shared/peer-bench: the same checklist of N yes/no questions, the Bot API stubbed, Redis on loopback): telegraf,
 * the raw floor and ours (bench/peer/ours-adapter.ts). The harness is copied to a scratch folder outside the
 * repository (shared/ is read-only) and installed there once; without it the bench says so and is skipped.
 * Figures only, never a pass/fail threshold. `npx tsx bench/peer.ts` runs it alone.
 * PEER_N (10,40,120), PEER_MODES (seq,burst2), PEER_REPS (3), PEER_BENCH_DIR (the scratch copy) change it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = resolve(ROOT, '../shared/peer-bench');
const ADAPTER = join(ROOT, 'bench/peer/ours-adapter.ts');
const LOADER = join(ROOT, 'node_modules/tsx/dist/loader.mjs');

type Run = { bot: string; n: number; m: number; mode: string; failed?: string; cpuUsPerTurn: number; redisCmdsPerTurn: number; bytesPerUser: number; lost: number; answersSent: number };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
};

/** The scratch copy of the harness, installed; undefined (and why) when there is none to be had. */
function harness(): { dir: string } | { skipped: string } {
  const dir = process.env.PEER_BENCH_DIR ?? join(tmpdir(), 'nianshen-peer-bench');
  if (existsSync(join(dir, 'node_modules/telegraf')) && existsSync(join(dir, 'bench.mjs'))) return { dir };
  if (!existsSync(join(SOURCE, 'bench.mjs'))) return { skipped: `no peer harness at ${SOURCE} (shared/peer-bench beside the repository)` };
  cpSync(SOURCE, dir, { recursive: true });
  execFileSync('chmod', ['-R', 'u+w', dir]);
  const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return ci.status === 0 ? { dir } : { skipped: `npm ci failed in ${dir}` };
}

/** The runs of the harness's newest raw output (out/runs-*.json). */
function newestRuns(dir: string): Run[] {
  const out = join(dir, 'out');
  const file = readdirSync(out).filter((f) => f.startsWith('runs-')).sort().at(-1);
  return file ? (JSON.parse(readFileSync(join(out, file), 'utf8')) as { runs: Run[] }).runs : [];
}

const fmt = (x: number, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '–');

export async function benchPeer(): Promise<Record<string, number | string>> {
  const found = harness();
  if ('skipped' in found) {
    process.stderr.write(`peer bench skipped: ${found.skipped}\n`);
    return { skipped: found.skipped };
  }
  const ns = (process.env.PEER_N ?? '10,40,120').split(',').map(Number);
  const modes = process.env.PEER_MODES ?? 'seq,burst2';
  const reps = process.env.PEER_REPS ?? '3';
  const args = ['--import', LOADER, 'bench.mjs', '--bots', `telegraf,floor,ours=${ADAPTER}`, '--n', ns.join(','), '--m', '200', '--modes', modes, '--reps', reps];
  const run = spawnSync(process.execPath, args, { cwd: found.dir, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`peer harness exited with ${run.status}`);
  process.stderr.write(`${run.stdout}\n`);
  const runs = newestRuns(found.dir).filter((r) => !r.failed);
  const pick = (bot: string, n: number, mode: string) => runs.filter((r) => r.bot === bot && r.n === n && r.mode === mode);
  const cpu = (bot: string, n: number) => median(pick(bot, n, 'seq').map((r) => r.cpuUsPerTurn));

  const rows = ['| seq, 200 users in flight | ' + ns.map((n) => `N = ${n}`).join(' | ') + ' |', `|---|${ns.map(() => '---:').join('|')}|`];
  const row = (label: string, cell: (n: number) => string) => rows.push(`| ${label} | ${ns.map(cell).join(' | ')} |`);
  row('telegraf, Node CPU µs per turn', (n) => fmt(cpu('telegraf', n)));
  row('raw floor, Node CPU µs per turn', (n) => fmt(cpu('floor', n)));
  row('**ours**, Node CPU µs per turn', (n) => `**${fmt(cpu('ours', n))}**`);
  row('ours / telegraf', (n) => fmt(cpu('ours', n) / cpu('telegraf', n), 2));
  row('ours, Redis commands per turn (floor)', (n) => `${fmt(median(pick('ours', n, 'seq').map((r) => r.redisCmdsPerTurn)), 1)} (${fmt(median(pick('floor', n, 'seq').map((r) => r.redisCmdsPerTurn)), 1)})`);
  row('ours / telegraf, Redis bytes per finished user', (n) => `${fmt(median(pick('ours', n, 'seq').map((r) => r.bytesPerUser)))} / ${fmt(median(pick('telegraf', n, 'seq').map((r) => r.bytesPerUser)))}`);
  if (modes.includes('burst2')) {
    row('burst2 (two instances), answers lost: ours / telegraf', (n) => {
      const lost = (bot: string) => Math.max(...pick(bot, n, 'burst2').map((r) => r.lost));
      return `${fmt(lost('ours'))} / ${fmt(lost('telegraf'))}`;
    });
  }
  const table = rows.join('\n');
  console.log(`\n${table}\n`);

  const [first, last] = [ns[0] as number, ns.at(-1) as number];
  const figures: Record<string, number | string> = { harness: found.dir, reps: Number(reps) };
  for (const n of ns) {
    figures[`cpu_us_n${n}_telegraf`] = Math.round(cpu('telegraf', n));
    figures[`cpu_us_n${n}_floor`] = Math.round(cpu('floor', n));
    figures[`cpu_us_n${n}_ours`] = Math.round(cpu('ours', n));
    figures[`ratio_ours_telegraf_n${n}`] = Number((cpu('ours', n) / cpu('telegraf', n)).toFixed(2));
  }
  figures[`ratio_ours_n${last}_to_n${first}`] = Number((cpu('ours', last) / cpu('ours', first)).toFixed(2));
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchPeer())) console.log(`${k.padEnd(30)} ${v}`);
}

/**
 * `npm run bench`: runs every bench module in bench/ that exists (conversation, pdf, telegram… in that
 * order, then any other) and prints their figures as one table. A module is a bench when it exports an
 * async function named `bench…` returning its figures; each bench starts and stops its own servers.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Figures = Record<string, number | string>;
type Bench = { name: string; run: () => Promise<Figures> };

const HERE = dirname(fileURLToPath(import.meta.url));
/** Known benches first, in this order; anything else found in bench/ after them. */
const ORDER = ['conversation.ts', 'pdf.ts', 'telegram.ts', 'resilience.ts', 'broadcast.ts'];

async function findBenches(): Promise<Bench[]> {
  const files = readdirSync(HERE)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts')
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const benches: Bench[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(HERE, file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (/^bench[A-Z]/.test(name) && typeof value === 'function') {
        benches.push({ name: `${file.replace(/\.ts$/, '')}`, run: () => (value as () => Promise<Figures>)() });
      }
    }
  }
  return benches;
}

function rank(file: string): number {
  const i = ORDER.indexOf(file);
  return i < 0 ? ORDER.length : i;
}

function table(rows: [string, string, string][]): string {
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c as 0 | 1 | 2].length)));
  const line = (r: [string, string, string]) => `${r[0].padEnd(widths[0] ?? 0)}  ${r[1].padEnd(widths[1] ?? 0)}  ${r[2].padStart(widths[2] ?? 0)}`;
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0] as [string, string, string]), rule, ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<number> {
  const benches = await findBenches();
  const rows: [string, string, string][] = [['bench', 'figure', 'value']];
  let failed = 0;
  for (const bench of benches) {
    process.stderr.write(`running ${bench.name}…\n`);
    const start = performance.now();
    try {
      const figures = await bench.run();
      for (const [figure, value] of Object.entries(figures)) rows.push([bench.name, figure, String(value)]);
      rows.push([bench.name, 'bench_seconds', ((performance.now() - start) / 1000).toFixed(1)]);
    } catch (error) {
      failed++;
      rows.push([bench.name, 'FAILED', error instanceof Error ? error.message : String(error)]);
      console.error(error);
    }
  }
  console.log(table(rows));
  return failed === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const code = await main();
  // Every bench stopped its own servers; exit now rather than wait on a handle a bench library left open.
  process.exit(code);
}

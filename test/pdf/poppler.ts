/** Reading rendered PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm), as a person's viewer would. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A scratch directory for one test file; `cleanup` removes it. */
export async function scratch(): Promise<{ dir: string; write: (name: string, pdf: Buffer) => Promise<string>; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'nianshen-pdf-'));
  return {
    dir,
    write: async (name, pdf) => {
      const path = join(dir, name);
      await writeFile(path, pdf);
      return path;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Text of the whole file or of one page: `layout` keeps columns apart, `raw` keeps each cell's lines together. */
export async function pdfText(path: string, opts: { mode?: 'layout' | 'raw'; page?: number } = {}): Promise<string> {
  const args = [opts.mode === 'raw' ? '-raw' : '-layout', '-enc', 'UTF-8'];
  if (opts.page !== undefined) args.push('-f', String(opts.page), '-l', String(opts.page));
  const { stdout } = await run('pdftotext', [...args, path, '-'], { maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

/** Whitespace removed, so a phrase wrapped across lines or cells still matches. */
export const flat = (text: string): string => text.replace(/\s+/g, '');

export async function pdfInfo(path: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', ['-isodates', path]);
  return Object.fromEntries(stdout.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

export async function pageCount(path: string): Promise<number> {
  return Number((await pdfInfo(path))['Pages']);
}

export async function pdfFonts(path: string): Promise<string> {
  return (await run('pdffonts', [path])).stdout;
}

let renders = 0;

/** Share of dark pixels on page 1 rendered in grey at 50 dpi: near 0 for a blank page or missing glyphs. */
export async function inkOnFirstPage(path: string, dir: string): Promise<number> {
  const prefix = join(dir, `page-${++renders}`);
  await run('pdftoppm', ['-gray', '-r', '50', '-f', '1', '-l', '1', '-singlefile', path, prefix]);
  const pgm = await readFile(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PGM');
  const [whole, w, h] = header;
  const pixels = pgm.subarray(whole.length, whole.length + Number(w) * Number(h));
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / pixels.length;
}

/** A word as poppler places it on a page: its text and box in points (origin top left). */
export type Word = { text: string; xMin: number; yMin: number; xMax: number; yMax: number };

/** Every word of one page with its box (`pdftotext -bbox`). */
export async function pdfWords(path: string, page = 1): Promise<Word[]> {
  const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), path, '-'], { maxBuffer: 32 * 1024 * 1024 });
  return [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5] as string,
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
  }));
}

/** Page 1 in colour at `dpi` (72: one pixel a point): the RGB of a point. */
export async function pagePixels(path: string, dir: string, dpi = 72): Promise<(x: number, y: number) => [number, number, number]> {
  const prefix = join(dir, `colour-${++renders}`);
  await run('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', path, prefix]);
  const ppm = await readFile(`${prefix}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a binary PPM');
  const [whole, w] = header;
  const scale = dpi / 72;
  return (x, y) => {
    const at = whole.length + (Math.round(y * scale) * Number(w) + Math.round(x * scale)) * 3;
    return [ppm[at] ?? -1, ppm[at + 1] ?? -1, ppm[at + 2] ?? -1];
  };
}

/**
 * What a rendered PDF looks like, measured rather than read: where each kind of text sits and how big it
 * is (poppler's word boxes), and the fills and marks a reader sees (pixels of the page at 72 or 144 dpi).
 * Text extraction alone (documents, layout) cannot tell a heading from body text or a shaded header row
 * from a plain one.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import type { Document } from '../../src/core/document.ts';
import { flat, pageCount, pagePixels, pdfInfo, pdfText, pdfWords, scratch, type Word } from './poppler.ts';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 62;
const RIGHT = A4.width - MARGIN;
const doc: Document = {
  title: '外观测试标题',
  subtitle: ['副标题一行'],
  fileName: '外观测试.pdf',
  footer: ['页脚说明'],
  date: new Date('2025-03-03T00:00:00Z'),
  blocks: [
    { kind: 'heading', level: 1, text: '一级标题甲' },
    { kind: 'heading', level: 2, text: '二级标题乙' },
    { kind: 'paragraph', text: '正文段落丙' },
    { kind: 'paragraph', text: '加粗段落丁', tone: 'strong' },
    { kind: 'paragraph', text: '浅色小字戊', tone: 'muted' },
    { kind: 'paragraph', text: '居中段落己', align: 'center' },
    { kind: 'paragraph', text: '靠右段落庚', align: 'right' },
    { kind: 'keyValue', rows: [{ key: '键名辛', value: '键值壬' }] },
    { kind: 'table', columns: [{ title: '列头癸', weight: 1 }, { title: '数字列', weight: 1, align: 'center' }], rows: [['单元子', '丑42']] },
    { kind: 'checklist', items: [{ text: '已备寅', checked: true }, { text: '未备卯', checked: false, detail: '说明辰' }] },
    { kind: 'notice', title: '提示巳', text: '提示正文午' },
    { kind: 'barChart', series: ['甲类', '乙类'], bars: [{ label: '地区未', values: [3, 1] }] },
    { kind: 'signature', fields: [{ label: '签字申', hint: '日期酉' }] },
  ],
};

let tmp: Awaited<ReturnType<typeof scratch>>;
let words: Word[];
let pixel: (x: number, y: number) => [number, number, number];
let fine: (x: number, y: number) => [number, number, number];
beforeAll(async () => {
  tmp = await scratch();
});
afterAll(() => tmp.cleanup());
/**
 * Renders the page and reads it back, inside each test: a mutation run counts code as covered by the
 * tests that ran it, and a render in `beforeAll` would be covered by none.
 */
let renders = 0;
async function render(): Promise<void> {
  const path = await tmp.write(`look-${++renders}.pdf`, await renderPdf(doc));
  [words, pixel, fine] = await Promise.all([pdfWords(path), pagePixels(path, tmp.dir), pagePixels(path, tmp.dir, 144)]);
}
const word = (text: string): Word => {
  const found = words.find((w) => w.text.includes(text));
  if (!found) throw new Error(`no word ${text} on the page: ${words.map((w) => w.text).join(' ')}`);
  return found;
};
const height = (text: string) => word(text).yMax - word(text).yMin;
const middle = (w: Word) => (w.yMin + w.yMax) / 2;
const near = (actual: [number, number, number], hex: string) => {
  const expected = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  expect(actual.map((c, i) => Math.abs(c - (expected[i] as number)) <= 3), `${actual} ≈ ${hex}`).toEqual([true, true, true]);
};

describe('text', () => {
  it('sizes: title > level-1 heading > level-2 heading > body > table and notice text > muted notes and the footer', async () => {
    await render();
    const sizes = ['外观测试标题', '一级标题甲', '二级标题乙', '正文段落丙', '单元子', '浅色小字戊', '页脚说明'].map(height);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i - 1], `${i}`).toBeGreaterThan(sizes[i] as number);
    expect(height('提示正文午')).toBeCloseTo(height('单元子'), 1);
    expect(height('加粗段落丁')).toBeCloseTo(height('正文段落丙'), 1);
    expect(height('副标题一行')).toBeLessThan(height('正文段落丙'));
  });

  it('places: left text on the margin, the title and centred text on the middle, right text on the right margin', async () => {
    await render();
    for (const text of ['一级标题甲', '正文段落丙', '加粗段落丁', '浅色小字戊']) expect(word(text).xMin, text).toBeCloseTo(MARGIN, 0);
    for (const text of ['外观测试标题', '副标题一行', '居中段落己']) expect((word(text).xMin + word(text).xMax) / 2, text).toBeCloseTo(A4.width / 2, 0);
    expect(word('靠右段落庚').xMax).toBeCloseTo(RIGHT, 0);
    // Cells: 4 points in from their edges; a centred column's text on its middle.
    expect(word('键名辛').xMin).toBeCloseTo(MARGIN + 4, 0);
    expect(word('单元子').xMin).toBeCloseTo(MARGIN + 4, 0);
    expect((word('丑42').xMin + word('丑42').xMax) / 2).toBeCloseTo(MARGIN + (RIGHT - MARGIN) * 0.75, 0);
    expect((word('列头癸').xMin + word('列头癸').xMax) / 2).toBeCloseTo(MARGIN + (RIGHT - MARGIN) / 4, 0);
    // A checklist's text stands right of its box; its detail under it.
    expect(word('已备寅').xMin).toBeCloseTo(MARGIN + 18, 0);
    expect(word('说明辰').xMin).toBeCloseTo(MARGIN + 18, 0);
    expect(word('说明辰').yMin).toBeGreaterThan(word('未备卯').yMax - 1);
    expect(word('提示巳').xMin).toBeCloseTo(MARGIN + 10, 0);
    // The bar chart: labels right-aligned before the bars, the total after them.
    expect(word('地区未').xMax).toBeCloseTo(MARGIN + 124, 0);
    expect(word('甲类').xMin).toBeCloseTo(MARGIN + 12, 0);
  });

  it('keeps the order of the blocks down the page, and the footer and page number at the bottom', async () => {
    await render();
    const order = ['外观测试标题', '副标题一行', '一级标题甲', '二级标题乙', '正文段落丙', '键名辛', '列头癸', '单元子', '已备寅', '提示巳', '提示正文午', '地区未', '签字申'];
    for (let i = 1; i < order.length; i++) expect(word(order[i] as string).yMin, order[i]).toBeGreaterThan(word(order[i - 1] as string).yMin);
    const footer = word('页脚说明');
    expect(footer.yMin).toBeGreaterThan(A4.height - 70 + 22);
    expect(footer.xMin).toBeCloseTo(MARGIN, 0);
    const number = words.find((w) => w.text.includes('1'))?.xMax ?? 0;
    expect(words.filter((w) => w.yMin > A4.height - 70 + 22).some((w) => Math.abs(w.xMax - RIGHT) < 1)).toBe(true);
    expect(number).toBeGreaterThan(0);
    // A signature's hint ends near the end of its line.
    expect(word('日期酉').xMax).toBeCloseTo(RIGHT - 12, 0);
  });
});

describe('fills and marks', () => {
  it('shades the table header grey, the keys light grey, and leaves body cells white', async () => {
    await render();
    const header = word('列头癸');
    near(pixel(MARGIN + 3, middle(header)), '#ececec');
    const key = word('键名辛');
    near(pixel(MARGIN + (RIGHT - MARGIN) * 0.3 - 3, middle(key)), '#f5f5f5');
    near(pixel(RIGHT - 3, middle(word('键值壬'))), '#ffffff');
    near(pixel(MARGIN + 2, middle(word('单元子'))), '#ffffff');
  });

  it('draws the notice on a warm fill inside an amber border, its title in amber', async () => {
    await render();
    const title = word('提示巳');
    near(pixel(RIGHT - 5, middle(title)), '#fdf6e9');
    near(pixel(RIGHT - 5, word('提示正文午').yMax + 5), '#fdf6e9');
    // The border: a darker amber line at the box's left edge.
    const edge = pixel(MARGIN, middle(title));
    expect(edge[0]).toBeGreaterThan(edge[2] + 40);
    expect(edge[0] + edge[1] + edge[2]).toBeLessThan(3 * 230);
  });

  it('colours the bars by series, in the legend too', async () => {
    await render();
    const bar = word('地区未');
    near(pixel(MARGIN + 130 + 3, middle(bar)), '#9e9e9e');
    const legend = word('甲类');
    near(fine((MARGIN + 4.5) , middle(legend)), '#9e9e9e');
    near(fine(word('乙类').xMin - 7.5, middle(word('乙类'))), '#f2a33a');
  });

  it('ticks a checked box and leaves an unchecked one empty', async () => {
    await render();
    const dark = (x: number, y: number) => fine(x, y).reduce((a, c) => a + c, 0) < 3 * 160;
    /** The most ink inside the box beside this item (its border found on the box's left edge). */
    const ink = (w: Word) => {
      let top = w.yMin - 6;
      while (!dark(MARGIN + 1, top) && top < w.yMax + 6) top += 0.5;
      let most = 0;
      for (let y = top + 2; y <= top + 7; y += 0.5) for (let x = MARGIN + 3; x <= MARGIN + 8; x += 0.5) most = Math.max(most, 255 * 3 - fine(x, y).reduce((a, c) => a + c, 0));
      return most;
    };
    const checked = word('已备寅');
    const open = word('未备卯');
    expect(ink(checked)).toBeGreaterThan(400);
    expect(ink(open)).toBeLessThan(60);
  });

  it('rules a heavy line under the title', async () => {
    await render();
    const sub = word('副标题一行');
    let darkest = 255 * 3;
    for (let y = sub.yMax; y < sub.yMax + 14; y += 0.5) darkest = Math.min(darkest, fine(A4.width / 2, y).reduce((a, c) => a + c, 0));
    expect(darkest).toBeLessThan(200);
  });
});

// ── Second document set: each test renders its own small document and measures one concern ──────────

const WIDTH = RIGHT - MARGIN;
const BOTTOM = A4.height - 70;
const FOOTER_TOP = BOTTOM + 22;
const plain: Omit<Document, 'blocks'> = { title: '细节测试', subtitle: [], fileName: '细节测试.pdf', footer: ['页脚行'], date: new Date('2025-03-03T00:00:00Z') };
type Page = { path: string; words: Word[]; fine: (x: number, y: number) => [number, number, number] };
let drawn = 0;
/** Renders a document and reads back one page's words (any page) and page 1's pixels at 144 dpi. */
async function show(d: Document, page = 1): Promise<Page> {
  const path = await tmp.write(`detail-${++drawn}.pdf`, await renderPdf(d));
  const [w, f] = await Promise.all([pdfWords(path, page), pagePixels(path, tmp.dir, 144)]);
  return { path, words: w, fine: f };
}
const find = (p: Page, text: string): Word => {
  const found = p.words.find((w) => w.text === text) ?? p.words.find((w) => w.text.includes(text));
  if (!found) throw new Error(`no word ${text} on the page: ${p.words.map((w) => w.text).join(' ')}`);
  return found;
};
const sum = (c: [number, number, number]) => c[0] + c[1] + c[2];
/** Every sample of a box at 144 dpi (every half point). */
const samples = (p: Page, w: Word): [number, number, number][] => {
  const out: [number, number, number][] = [];
  for (let y = w.yMin; y <= w.yMax; y += 0.5) for (let x = w.xMin; x <= w.xMax; x += 0.5) out.push(p.fine(x, y));
  return out;
};
/** Share of ink in a word's box (0 white, 1 black): bold text carries more of it than regular text. */
const inkShare = (p: Page, w: Word) => samples(p, w).reduce((a, c) => a + (765 - sum(c)), 0) / (765 * samples(p, w).length);
/** The darkest pixel of a word's glyphs: the colour its text is set in. */
const darkest = (p: Page, w: Word) => samples(p, w).reduce((a, c) => (sum(c) < sum(a) ? c : a), [255, 255, 255] as [number, number, number]);
/** The rows (in points, half a point apart) between `from` and `to` where the pixel at `x` is like `colour`. */
const rowsLike = (p: Page, x: number, from: number, to: number, like: (c: [number, number, number]) => boolean) => {
  const rows: number[] = [];
  for (let y = from; y <= to; y += 0.5) if (like(p.fine(x, y))) rows.push(y);
  return rows;
};
const isColour = (hex: string) => (c: [number, number, number]) => [1, 3, 5].every((i, k) => Math.abs((c[k] as number) - parseInt(hex.slice(i, i + 2), 16)) <= 12);
const boxMiddle = (w: Word) => (w.yMin + w.yMax) / 2;
/** Text of a page's body (above the footer), for checks that no two words overlap and nothing runs off the page. */
const bodyWords = (words: Word[]) => words.filter((w) => w.yMin < FOOTER_TOP);
const overlapping = (words: Word[]) => {
  const found: string[] = [];
  for (const [i, a] of words.entries())
    for (const b of words.slice(i + 1)) {
      const dx = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const dy = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      if (dx > 0.5 && dy > 0.5) found.push(`${a.text} / ${b.text}`);
    }
  return found;
};

describe('weights and colours of each kind of text', () => {
  it('sets strong text and keys in bold, muted notes and checklist notes in grey, a notice title in amber', async () => {
    const p = await show({
      ...plain,
      blocks: [
        { kind: 'paragraph', text: '对照文字' },
        { kind: 'paragraph', text: '对照文字', tone: 'strong' },
        { kind: 'paragraph', text: '浅色说明', tone: 'muted' },
        { kind: 'keyValue', rows: [{ key: '同样的字', value: '同样的字' }] },
        { kind: 'checklist', items: [{ text: '清单项目', checked: false, detail: '清单说明' }] },
        { kind: 'notice', title: '注意标题', text: '注意正文' },
      ],
    });
    const twice = (text: string) => p.words.filter((w) => w.text === text).sort((a, b) => a.yMin - b.yMin) as [Word, Word];
    const [normal, strong] = twice('对照文字');
    expect(inkShare(p, strong) / inkShare(p, normal)).toBeGreaterThan(1.25);
    const [key, value] = twice('同样的字').sort((a, b) => a.xMin - b.xMin) as [Word, Word];
    expect(inkShare(p, key) / inkShare(p, value)).toBeGreaterThan(1.25);
    // Keys, values and notice text in the cell size; a checklist's note in the muted size.
    expect(key.yMax - key.yMin).toBeCloseTo(value.yMax - value.yMin, 1);
    expect(value.yMax - value.yMin).toBeCloseTo(find(p, '注意正文').yMax - find(p, '注意正文').yMin, 1);
    expect(find(p, '清单说明').yMax - find(p, '清单说明').yMin).toBeCloseTo(find(p, '浅色说明').yMax - find(p, '浅色说明').yMin, 1);
    // Body text near black; muted text and notes grey (#555555); the notice title amber (#a15c00).
    expect(Math.max(...darkest(p, normal))).toBeLessThan(0x30);
    for (const text of ['浅色说明', '清单说明']) for (const c of darkest(p, find(p, text))) expect(Math.abs(c - 0x55), text).toBeLessThan(0x1c);
    const [r, g, b] = darkest(p, find(p, '注意标题'));
    expect(r - b, 'amber').toBeGreaterThan(100);
    expect(g).toBeGreaterThan(b + 40);
  });
});

describe('rows', () => {
  it('a row of one line is that line and its padding high; a row left empty to write in is higher', async () => {
    const p = await show({
      ...plain,
      blocks: [
        { kind: 'paragraph', text: '表前段落' },
        { kind: 'keyValue', rows: [{ key: '键一', value: '值一' }, { key: '键二', value: '' }, { key: '键三', value: '值三' }] },
        {
          kind: 'table',
          columns: [{ title: '列一', weight: 1 }, { title: '列二', weight: 3 }, { title: '列三', weight: 3 }],
          rows: [['行一', '有字', '有字'], ['行二', '', ''], ['行三', '有字', ''], ['行四']],
        },
      ],
    });
    // One line of cell text: 9.5 pt × 1.448 + 1.5 line gap, and 4 points above and below it; a row to write in: 26 points.
    const line = 9.5 * 1.448 + 1.5 + 8;
    expect(find(p, '键三').yMin - find(p, '键一').yMin).toBeCloseTo(line + 26, 1);
    expect(find(p, '键二').yMin - find(p, '键一').yMin).toBeCloseTo(line + (26 - line + 8) / 2 - 4, 1);
    // A filled row's text 4 points under its top (a paragraph's 10.5 pt line with its 3 pt gap, then 8 points between blocks).
    expect(find(p, '键一').yMin - find(p, '表前段落').yMin).toBeCloseTo(10.5 * 1.448 + 3 + 8 + 4, 1);
    // The value in its own cell, 70% of the width, bordered on the right margin.
    const value = p.words.find((w) => w.text === '值一') as Word;
    expect(value.xMin).toBeCloseTo(MARGIN + WIDTH * 0.3 + 4, 0);
    expect(Math.min(...[-0.5, 0, 0.5].map((dx) => sum(p.fine(RIGHT + dx, boxMiddle(value)))))).toBeLessThan(600);
    expect(find(p, '行三').yMin - find(p, '行一').yMin).toBeCloseTo(line + 26, 1);
    expect(find(p, '行二').yMin - find(p, '行一').yMin).toBeCloseTo(line + (26 - line + 8) / 2 - 4, 1);
    // A row shorter than the table gets empty cells (and room to write in).
    expect(find(p, '行四').yMin - find(p, '行三').yMin).toBeCloseTo(line + (26 - line + 8) / 2 - 4, 1);
    expect(p.words.filter((w) => Math.abs(w.yMin - find(p, '行四').yMin) < 5).map((w) => w.text)).toEqual(['行四']);
  });

  it('a long cell wraps inside its column and its row grows to hold it; a short cell sits on the middle of the row', async () => {
    const long = Array.from({ length: 70 }, (_, i) => '甲乙丙丁戊己庚辛壬癸'[i % 10]).join('');
    const p = await show({ ...plain, blocks: [{ kind: 'table', columns: [{ title: '短', weight: 1 }, { title: '长', weight: 1 }], rows: [['居中', long], ['下一行', '尾']] }] });
    const lines = p.words.filter((w) => w.xMin > MARGIN + WIDTH / 2 && /^[甲乙丙丁戊己庚辛壬癸…]+$/.test(w.text)).sort((a, b) => a.yMin - b.yMin);
    expect(lines.map((w) => w.text).join('')).toBe(long);
    expect(lines).toHaveLength(4);
    for (const w of lines) expect(w.xMax).toBeLessThanOrEqual(RIGHT - 4 + 0.5);
    const [first, last] = [lines[0] as Word, lines.at(-1) as Word];
    expect(find(p, '下一行').yMin).toBeGreaterThan(last.yMax + 4);
    expect(Math.abs(boxMiddle(find(p, '居中')) - (first.yMin + last.yMax) / 2)).toBeLessThan(0.5);
  });
});

describe('spacing', () => {
  it('spaces the title, subtitle, rule, blocks and headings as designed', async () => {
    const p = await show({
      ...plain,
      subtitle: ['副题一', '副题二'],
      blocks: [
        { kind: 'paragraph', text: '段落一' },
        { kind: 'paragraph', text: '段落二' },
        { kind: 'heading', level: 1, text: '大标题' },
        { kind: 'paragraph', text: '段落三' },
        { kind: 'heading', level: 2, text: '小标题' },
        { kind: 'paragraph', text: '段落四' },
        { kind: 'checklist', items: [{ text: '项甲', checked: false }, { text: '项乙', checked: false, detail: '项乙说明' }, { text: '项丙', checked: false }] },
      ],
    });
    const at = (text: string) => find(p, text).yMin;
    /** A line's height with its gap: font size × 1.448 (Noto Sans SC's ascent and descent) + 3. */
    const line = (size: number) => size * 1.448 + 3;
    expect(at('副题一') - at('细节测试')).toBeCloseTo(line(18) + 4, 1);
    expect(at('副题二') - at('副题一')).toBeCloseTo(line(10), 1);
    expect(at('段落一') - at('副题二')).toBeCloseTo(line(10) + 6 + 12, 1);
    expect(at('段落二') - at('段落一')).toBeCloseTo(line(10.5) + 8, 1);
    expect(at('大标题') - at('段落二')).toBeCloseTo(line(10.5) + 8 + 8, 1);
    expect(at('段落三') - at('大标题')).toBeCloseTo(line(13) + 4, 1);
    expect(at('小标题') - at('段落三')).toBeCloseTo(line(10.5) + 8 + 4, 1);
    expect(at('段落四') - at('小标题')).toBeCloseTo(line(11) + 4, 1);
    // Checklist items 4 points apart, a note 1 point under its item.
    expect(at('项乙') - at('项甲')).toBeCloseTo(line(10.5) + 4, 1);
    expect(at('项乙说明') - at('项乙')).toBeCloseTo(line(10.5) + 1, 1);
    expect(at('项丙') - at('项乙说明')).toBeCloseTo(line(8.5) + 4, 1);
    // The rule lies between the subtitle and the first block.
    const rule = rowsLike(p, A4.width / 2, find(p, '副题二').yMax, at('段落一'), (c) => sum(c) < 200);
    expect(rule.length).toBeGreaterThan(0);
  });

  it('keeps body text at its line spacing and lets no text run into other text or past the margins', async () => {
    const cjk = (n: number, from = 0) => Array.from({ length: n }, (_, i) => '春夏秋冬东南西北上下左右'[(i + from) % 12]).join('');
    const latin = Array.from({ length: 40 }, (_, i) => `word${i % 10}`).join(' ');
    const p = await show({
      ...plain,
      blocks: [
        { kind: 'paragraph', text: cjk(170) },
        { kind: 'paragraph', text: '段后一' },
        // The same text in two weights (bold Latin is wider) and in two sizes: each measured for itself.
        { kind: 'paragraph', text: latin },
        { kind: 'paragraph', text: latin, tone: 'strong' },
        { kind: 'paragraph', text: '段后二' },
        { kind: 'paragraph', text: cjk(50, 3), tone: 'muted' },
        { kind: 'paragraph', text: cjk(50, 3) },
        { kind: 'paragraph', text: '段后三' },
        { kind: 'notice', title: '长提示', text: cjk(100, 5) },
        { kind: 'paragraph', text: '段后四' },
        { kind: 'checklist', items: [{ text: cjk(100, 7), checked: false, detail: cjk(30, 1) }, { text: '末项', checked: true }] },
        { kind: 'paragraph', text: '段后五' },
      ],
    });
    const body = bodyWords(p.words);
    expect(overlapping(body)).toEqual([]);
    for (const w of body) {
      expect(w.xMin, w.text).toBeGreaterThan(MARGIN - 0.5);
      expect(w.xMax, w.text).toBeLessThan(RIGHT + 0.5);
    }
    // The long paragraph's lines are 10.5 × 1.448 + 3 points apart.
    const lines = body.filter((w) => w.yMax < find(p, '段后一').yMin && w.xMin < MARGIN + 1).sort((a, b) => a.yMin - b.yMin);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < lines.length; i++) expect((lines[i] as Word).yMin - (lines[i - 1] as Word).yMin).toBeCloseTo(10.5 * 1.448 + 3, 1);
    // The notice's text stays inside its box: 10 points in from its sides, the fill below its last line.
    const notice = body.filter((w) => w.yMin > find(p, '长提示').yMax && w.yMax < find(p, '段后四').yMin);
    expect(notice.length).toBe(3);
    for (const w of notice) {
      expect(w.xMin).toBeCloseTo(MARGIN + 10, 0);
      expect(w.xMax).toBeLessThan(RIGHT - 10 + 0.5);
    }
    const last = notice.at(-1) as Word;
    const fill = rowsLike(p, RIGHT - 3, find(p, '长提示').yMin - 14, last.yMax + 20, isColour('#fdf6e9'));
    const border = rowsLike(p, RIGHT - 3, find(p, '长提示').yMin - 14, last.yMax + 20, (c) => c[0] - c[2] > 80);
    expect(Math.max(...fill)).toBeGreaterThan(last.yMax + 1);
    // As much room below the text as above the title, but for the last line's gap (3 points).
    const [top, bottom] = [Math.min(...border), Math.max(...border)];
    expect(Math.abs(find(p, '长提示').yMin - top - (bottom - last.yMax - 3))).toBeLessThan(1.5);
  });
});

describe('pages', () => {
  it('a measuring pass leaves no marks: page 1 shows nothing of what page 2 holds; page 2 starts on its top margin; each page is numbered', async () => {
    const d: Document = {
      ...plain,
      blocks: [
        // 25 short right-aligned paragraphs fill page 1 and leave its left half empty.
        ...Array.from({ length: 25 }, (_, i): Document['blocks'][number] => ({ kind: 'paragraph', text: `右侧填充第${i}段`, align: 'right' })),
        { kind: 'paragraph', text: '第二页开头' },
        ...Array.from({ length: 4 }, (_, i): Document['blocks'][number] => ({ kind: 'paragraph', text: `第二页第${i}段` })),
        { kind: 'checklist', items: [{ text: '勾选项', checked: true }] },
        { kind: 'notice', title: '第二页提示', text: '提示内容' },
        { kind: 'barChart', series: ['一类'], bars: [{ label: '条目', values: [5] }] },
        { kind: 'signature', fields: [{ label: '签名' }] },
      ],
    };
    const p = await show(d);
    expect(await pageCount(p.path)).toBe(2);
    expect(p.words.some((w) => w.text === '右侧填充第24段')).toBe(true);
    // Every page has its footer and number, the first page too.
    expect(p.words.filter((w) => w.yMin >= FOOTER_TOP && w.xMin > RIGHT - 90).map((w) => w.text).join('')).toBe('第1页/共2页');
    const second = await pdfWords(p.path, 2);
    expect(second.find((w) => w.text === '第二页开头')?.yMin).toBeCloseTo(find(p, '细节测试').yMin, 1);
    const rule = find(p, '细节测试').yMax + 16; // below the title's rule
    let marks = 0;
    for (let y = rule; y < BOTTOM; y += 1) for (let x = MARGIN - 4; x < MARGIN + 320; x += 1) if (sum(p.fine(x, y)) < 720) marks++;
    expect(marks).toBe(0);
  });

  it('a heading stays with the block under it wherever it falls on the page', async () => {
    const under: [Document['blocks'][number], string][] = [
      [{ kind: 'notice', title: '提示标题', text: '提示内容' }, '提示标题'],
      [{ kind: 'barChart', series: ['系列甲'], bars: [{ label: '一组', values: [3] }] }, '系列甲'],
      [{ kind: 'signature', fields: [{ label: '签署人' }] }, '签署人'],
      [{ kind: 'paragraph', text: '节内段落' }, '节内段落'],
      [{ kind: 'keyValue', rows: [{ key: '键甲', value: '值甲' }] }, '键甲'],
      [{ kind: 'checklist', items: [{ text: '清单甲', checked: false }] }, '清单甲'],
      [{ kind: 'table', columns: [{ title: '表头甲', weight: 1 }], rows: [['首行甲']] }, '表头甲首行甲'],
    ];
    // Enough after it that the last page is never short (that would move the heading over for another reason).
    const after = Array.from({ length: 8 }, (_, i): Document['blocks'][number] => ({ kind: 'paragraph', text: `其后${i}` }));
    const orphaned: string[] = [];
    for (let n = 22; n < 26; n++)
      for (const [block, first] of under) {
        const path = await tmp.write(`with-${n}-${block.kind}.pdf`, await renderPdf({ ...plain, blocks: [...Array.from({ length: n }, (_, i): Document['blocks'][number] => ({ kind: 'paragraph', text: `填充${i}` })), { kind: 'heading', level: 1, text: '末节标题' }, block, ...after] }));
        const texts = (await pdfText(path, { mode: 'raw' })).split('\f').map(flat);
        const page = texts.find((t) => t.includes('末节标题')) ?? '';
        if (!page.includes(first)) orphaned.push(`${n} ${block.kind}`);
        // After 22 fillers a heading (with the 10 points it keeps below it) and one line still fit on page 1 (697.6 + 31.8 + 18.2 < 771.9).
        if (n === 22 && block.kind === 'paragraph' && !texts[0]?.includes('末节标题节内段落')) orphaned.push('moved needlessly');
      }
    expect(orphaned).toEqual([]);
  }, 60_000);

  it('draws every block once, also when it moves the last section over to keep a short last page company', async () => {
    const twice: number[] = [];
    for (let n = 16; n < 28; n++) {
      const blocks: Document['blocks'] = [
        ...Array.from({ length: n }, (_, i): Document['blocks'][number] => ({ kind: 'paragraph', text: `正文第${i}段。` })),
        { kind: 'heading', level: 1, text: '最后一节' },
        { kind: 'paragraph', text: '最后一节的正文。' },
        { kind: 'notice', title: '提示', text: '最后的提示。' },
      ];
      const path = await tmp.write(`once-${n}.pdf`, await renderPdf({ ...plain, blocks }));
      if (flat(await pdfText(path, { mode: 'raw' })).split('最后一节的正文').length !== 2) twice.push(n);
    }
    expect(twice).toEqual([]);
  });

  it('a checklist, chart or table near the bottom of a page moves on whole, never into the footer, and leaves no empty page', async () => {
    const items = [
      { text: '一项很长的清单内容，'.repeat(9), checked: false, detail: '说明文字'.repeat(4) },
      { text: '短项', checked: true },
      { text: '又一项', checked: false, detail: '说明' },
      { text: '一项很长的清单内容，'.repeat(9), checked: true },
      { text: '末项', checked: false, detail: '末项说明' },
    ];
    const bars = Array.from({ length: 6 }, (_, i) => ({ label: `第${i}组`, values: [i + 1, 2] }));
    const table: Document['blocks'][number] = { kind: 'table', columns: [{ title: '表头丙', weight: 1 }], rows: Array.from({ length: 6 }, (_, i) => [`表行${i}`]) };
    /** A checklist's items on a page, by the first line of each. */
    const itemsOn = (words: Word[]) => words.filter((w) => w.text.startsWith('一项很长的清单内容') || ['短项', '又一项', '末项'].includes(w.text)).length;
    const wrong: string[] = [];
    for (let n = 20; n < 30; n++)
      for (const last of [{ kind: 'checklist', items }, { kind: 'barChart', series: ['甲', '乙'], bars }, table] as Document['blocks']) {
        const path = await tmp.write(`bottom-${n}-${last.kind}.pdf`, await renderPdf({ ...plain, blocks: [...Array.from({ length: n }, (_, i): Document['blocks'][number] => ({ kind: 'paragraph', text: `填充${i}` })), last] }));
        const count = await pageCount(path);
        // Up to 29 one-line paragraphs and the block under them fill two pages at most.
        if (count > 2) wrong.push(`${n} ${last.kind}: ${count} pages`);
        const perPage: Word[][] = [];
        for (let page = 1; page <= count; page++) {
          const body = bodyWords(await pdfWords(path, page));
          perPage.push(body);
          if (body.length === 0) wrong.push(`${n} ${last.kind}: page ${page} empty`);
          // A table's header never stands alone at the foot of a page.
          if (body.some((w) => w.text === '表头丙') && !body.some((w) => w.text.startsWith('表行'))) wrong.push(`${n}: header alone on page ${page}`);
          for (const w of body) if (w.yMax > BOTTOM + 0.5) wrong.push(`${n} ${last.kind}: ${w.text} at ${w.yMax} on page ${page}`);
        }
        // Nor is a checklist's last item left alone when three or more stand before it.
        if (last.kind === 'checklist' && count === 2 && itemsOn(perPage[1] ?? []) === 1 && itemsOn(perPage[0] ?? []) >= 3) wrong.push(`${n}: last item alone`);
      }
    expect(wrong).toEqual([]);
  }, 60_000);
});

describe('footers, signatures, charts and boxes', () => {
  it('stacks footer lines under a rule, cuts a long one short with an ellipsis before the page number, and numbers the page', async () => {
    const long = '这是一行很长的页脚说明文字，'.repeat(6);
    // A document may end with a heading.
    const p = await show({ ...plain, footer: ['页脚第一行', long], blocks: [{ kind: 'paragraph', text: '正文' }, { kind: 'heading', level: 2, text: '末尾标题' }] });
    const footer = p.words.filter((w) => w.yMin >= FOOTER_TOP);
    const first = find(p, '页脚第一行');
    const second = footer.filter((w) => w.yMin > first.yMax - 1 && w.xMax < RIGHT - 90 + 0.5);
    expect(second.length).toBeGreaterThan(0);
    for (const w of second) expect(w.yMin).toBeCloseTo(first.yMin + 11, 0);
    expect(footer.filter((w) => w.yMin > first.yMax - 1).every((w) => w.xMax < RIGHT - 90 + 0.5)).toBe(true);
    expect(second.map((w) => w.text).join('')).toMatch(/…$/);
    expect(footer.filter((w) => w.xMin > RIGHT - 90).map((w) => w.text).join('')).toBe('第1页/共1页');
    expect(rowsLike(p, A4.width / 2, FOOTER_TOP - 2, FOOTER_TOP + 2, (c) => sum(c) < 700).length).toBeGreaterThan(0);
  });

  it('sets two signature fields side by side, each label and hint on its own line within the margins, and what follows below', async () => {
    const p = await show({ ...plain, blocks: [{ kind: 'signature', fields: [{ label: '经办人', hint: '签字' }, { label: '日期' }] }, { kind: 'paragraph', text: '签名之后' }] });
    const [label, hint, date] = [find(p, '经办人'), find(p, '签字'), find(p, '日期')];
    expect(label.xMin).toBeCloseTo(MARGIN, 0);
    expect(date.xMin).toBeCloseTo(MARGIN + WIDTH / 2, 0);
    expect(hint.xMax).toBeCloseTo(MARGIN + WIDTH / 2 - 12, 0);
    // The line under the second field: from after its label to 12 points short of the right margin.
    const rows = rowsLike(p, RIGHT - 14, date.yMin, date.yMax + 12, (c) => sum(c) < 600);
    expect(rows.length).toBeGreaterThan(0);
    const line = rows[0] as number;
    for (const w of [label, hint, date]) {
      expect(w.yMin, w.text).toBeLessThan(line);
      expect(w.yMax, w.text).toBeGreaterThan(line - 3);
    }
    expect(rowsLike(p, RIGHT - 8, line - 2, line + 2, (c) => sum(c) < 700)).toEqual([]);
    expect(rowsLike(p, MARGIN - 8, line - 2, line + 2, (c) => sum(c) < 700)).toEqual([]);
    // The signature takes 54 points, its line 8 above their end; then the 8 points between blocks.
    expect(find(p, '签名之后').yMin - line).toBeCloseTo(16, 0);
  });

  it('draws bars to scale with their totals at their ends, labels on their middles, the legend side by side above them', async () => {
    const p = await show({ ...plain, blocks: [{ kind: 'barChart', series: ['系列一', '系列二'], bars: [{ label: '甲地', values: [6, 2] }, { label: '乙地', values: [2, 0] }] }] });
    const scale = (WIDTH - 130 - 40) / 8;
    const start = MARGIN + 130;
    const [one, two] = [find(p, '甲地'), find(p, '乙地')];
    const grey = isColour('#9e9e9e');
    const orange = isColour('#f2a33a');
    // Bar one: 6 grey then 2 orange; bar two: 2 grey and nothing after it.
    expect(grey(p.fine(start + 6 * scale - 2, boxMiddle(one)))).toBe(true);
    expect(orange(p.fine(start + 6 * scale + 2, boxMiddle(one)))).toBe(true);
    expect(orange(p.fine(start + 8 * scale - 2, boxMiddle(one)))).toBe(true);
    expect(sum(p.fine(start + 8 * scale + 2, boxMiddle(one)))).toBe(765);
    expect(grey(p.fine(start + 2 * scale - 2, boxMiddle(two)))).toBe(true);
    expect(sum(p.fine(start + 2 * scale + 2, boxMiddle(two)))).toBe(765);
    const total = (bar: Word) => p.words.find((w) => /^\d+$/.test(w.text) && Math.abs(boxMiddle(w) - boxMiddle(bar)) < 3) as Word;
    expect(total(one).text).toBe('8');
    expect(total(one).xMin).toBeCloseTo(start + 8 * scale + 4, 0);
    expect(total(two).text).toBe('2');
    expect(total(two).xMin).toBeCloseTo(start + 2 * scale + 4, 0);
    // Labels and totals in the small size, on the middle of their bar; bars 20 points apart, under the legend.
    const bar = rowsLike(p, start + 2, one.yMin - 6, one.yMax + 6, grey);
    const middle = ((bar[0] as number) + (bar.at(-1) as number)) / 2;
    for (const w of [one, total(one)]) {
      expect(Math.abs(boxMiddle(w) - middle), w.text).toBeLessThan(1);
      expect(w.yMax - w.yMin, w.text).toBeCloseTo(8.5 * 1.448, 1);
    }
    expect(two.yMin - one.yMin).toBeCloseTo(20, 1);
    const [a, b] = [find(p, '系列一'), find(p, '系列二')];
    expect(a.yMax - a.yMin).toBeCloseTo(8.5 * 1.448, 1);
    expect(one.yMin).toBeGreaterThan(a.yMax);
    expect(b.xMin - a.xMax).toBeCloseTo(26, 0);
    const swatch = rowsLike(p, MARGIN + 4.5, a.yMin - 4, a.yMax + 4, grey);
    expect(Math.abs(((swatch[0] as number) + (swatch.at(-1) as number)) / 2 - boxMiddle(a))).toBeLessThan(1);
  });

  it('keeps the tick of a checked box inside the box, the box on the middle of its line', async () => {
    const p = await show({ ...plain, blocks: [{ kind: 'checklist', items: [{ text: '勾上的项', checked: true }] }] });
    const item = find(p, '勾上的项');
    const dark = (x: number, y: number) => sum(p.fine(x, y)) < 600;
    const rows = rowsLike(p, MARGIN + 1, item.yMin - 8, item.yMax + 8, (c) => sum(c) < 600);
    const [top, bottom] = [rows[0] as number, rows.at(-1) as number];
    expect(Math.abs((top + bottom) / 2 - boxMiddle(item))).toBeLessThan(1.5);
    // Nothing dark around the box, from 1.5 points outside it to 5 points out.
    const outside: string[] = [];
    for (let y = top - 5; y <= bottom + 5; y += 0.5)
      for (let x = MARGIN + 1 - 5; x <= MARGIN + 10 + 5; x += 0.5) {
        const out = y < top - 1.5 || y > bottom + 1.5 || x < MARGIN + 1 - 1.5 || x > MARGIN + 10 + 1.5;
        if (out && dark(x, y)) outside.push(`${x},${y}`);
      }
    expect(outside).toEqual([]);
  });

  it('names the document, its author and its language for viewers and screen readers', async () => {
    const p = await show({ ...plain, blocks: [{ kind: 'paragraph', text: '正文' }] });
    const info = await pdfInfo(p.path);
    expect(info['Title']).toBe('细节测试');
    expect(info['Author']).toBe('年审助手');
    const bytes = (await readFile(p.path)).toString('latin1');
    expect(bytes).toContain('/Lang (zh-CN)');
    expect(bytes).toMatch(/\/DisplayDocTitle true/);
  });

  it('cuts a row taller than a page with an ellipsis, and flows a paragraph longer than a page on to what follows', async () => {
    const huge = '很长的单元格内容，'.repeat(400);
    const path = await tmp.write('huge-row.pdf', await renderPdf({ ...plain, blocks: [{ kind: 'table', columns: [{ title: '表头', weight: 1 }], rows: [[huge], ['下一行']] }] }));
    // The title's page, then the cut row right below the header on a page of its own, then the next row under
    // the header again; nothing runs into the footer.
    expect(await pageCount(path)).toBe(3);
    const pages = await Promise.all([1, 2, 3].map((n) => pdfWords(path, n)));
    expect(pages.map((words) => words.some((w) => w.text.endsWith('…')))).toEqual([false, true, false]);
    expect(pages.map((words) => words.filter((w) => w.text === '表头').length)).toEqual([0, 1, 1]);
    for (const words of pages) expect(Math.max(...bodyWords(words).map((w) => w.yMax))).toBeLessThanOrEqual(BOTTOM);
    // A paragraph over more than a page: once only, and what follows comes right after it on its last page.
    const text = Array.from({ length: 400 }, (_, i) => `第${i}句。`).join('');
    const flowed = await tmp.write('flowed.pdf', await renderPdf({ ...plain, blocks: [{ kind: 'paragraph', text }, { kind: 'paragraph', text: '紧随其后' }] }));
    const count = await pageCount(flowed);
    const all = (await Promise.all(Array.from({ length: count }, (_, i) => pdfText(flowed, { page: i + 1, mode: 'raw' })))).map(flat);
    expect(all.join('').split('第399句。').length).toBe(2);
    expect(all.findIndex((t) => t.includes('紧随其后'))).toBe(all.findIndex((t) => t.includes('第399句。')));
  });
});

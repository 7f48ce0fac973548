/**
 * What a rendered PDF looks like, measured rather than read: where each kind of text sits and how big it
 * is (poppler's word boxes), and the fills and marks a reader sees (pixels of the page at 72 or 144 dpi).
 * Text extraction alone (documents, layout) cannot tell a heading from body text or a shaded header row
 * from a plain one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import type { Document } from '../../src/core/document.ts';
import { pagePixels, pdfWords, scratch, type Word } from './poppler.ts';

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

/**
 * Page breaking and reproducibility of the PDF renderer: long tables repeat their header and never split a
 * row, a heading never ends a page, and the same answers give the same report (and the same bytes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { answersHash, filingFormDocument, summaryDocument, type Block, type Document } from '../../src/core/document.ts';
import { campaign, enterprise, NOW } from './fixtures.ts';
import { flat, pageCount, pdfText, scratch } from './poppler.ts';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch();
});
afterAll(() => tmp.cleanup());

const base: Omit<Document, 'blocks'> = { title: '排版测试', subtitle: [], fileName: '排版测试.pdf', footer: ['页脚'], date: new Date('2025-03-03T00:00:00Z') };

/** Raw text of every page, flattened. */
async function pages(name: string, doc: Document): Promise<string[]> {
  const path = await tmp.write(name, await renderPdf(doc));
  const count = await pageCount(path);
  return Promise.all(Array.from({ length: count }, async (_, i) => flat(await pdfText(path, { page: i + 1, mode: 'raw' }))));
}

describe('long tables', () => {
  it('a 60-row roster runs over several pages with its header row on each', async () => {
    const path = await tmp.write('roster-60.pdf', await renderPdf(filingFormDocument(campaign, {}, NOW, { rosterRows: 60 })));
    const count = await pageCount(path);
    expect(count).toBeGreaterThanOrEqual(3);
    const seen: number[] = [];
    for (let page = 1; page <= count; page++) {
      const layout = await pdfText(path, { page });
      const rows = (await pdfText(path, { page, mode: 'raw' })).split('\n').filter((l) => /^\d+$/.test(l.trim())).map(Number);
      if (rows.length === 0) continue;
      expect(layout, `page ${page}`).toMatch(/序号\s+姓名\s+身份证号\s+岗位\s+合同起止日期\s+备注/);
      seen.push(...rows);
    }
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('never splits a row across pages', async () => {
    const rows = Array.from({ length: 70 }, (_, i) => [`第${i}行起`, `这一格很长，要折成好几行才能放下。`.repeat(3), `第${i}行止`]);
    const texts = await pages('rows.pdf', { ...base, blocks: [{ kind: 'table', columns: [{ title: '表头甲', weight: 20 }, { title: '表头乙', weight: 60 }, { title: '表头丙', weight: 20 }], rows }] });
    expect(texts.length).toBeGreaterThan(2);
    for (let i = 0; i < rows.length; i++) {
      const starts = texts.flatMap((t, p) => (t.includes(`第${i}行起`) ? [p] : []));
      const ends = texts.flatMap((t, p) => (t.includes(`第${i}行止`) ? [p] : []));
      expect(starts, `row ${i}`).toHaveLength(1);
      expect(ends, `row ${i}`).toEqual(starts);
    }
    for (const t of texts) expect(t).toContain('表头甲表头乙表头丙');
  });
});

describe('headings', () => {
  it('stay with the table that follows them wherever they fall on the page', async () => {
    // Filler paragraphs push the heading down one line at a time, so some of these land where it would end a page.
    const orphaned: number[] = [];
    for (let n = 20; n < 64; n++) {
      const filler: Block[] = Array.from({ length: n }, (_, i) => ({ kind: 'paragraph', text: `填充第${i}段。` }));
      const texts = await pages(`heading-${n}.pdf`, {
        ...base,
        blocks: [...filler, { kind: 'heading', level: 1, text: '一、测试标题' }, { kind: 'table', columns: [{ title: '表头甲', weight: 1 }], rows: [['首行内容']] }],
      });
      const page = texts.findIndex((t) => t.includes('一、测试标题'));
      if (page < 0 || !texts[page]?.includes('一、测试标题表头甲首行内容')) orphaned.push(n);
    }
    expect(orphaned).toEqual([]);
  });

  it('a paragraph longer than a page flows on without losing text', async () => {
    const text = Array.from({ length: 400 }, (_, i) => `第${i}句。`).join('');
    const texts = await pages('long-paragraph.pdf', { ...base, blocks: [{ kind: 'paragraph', text }] });
    expect(texts.length).toBeGreaterThan(1);
    const body = texts.map((t) => t.replace(/页脚第\d+页\/共\d+页/, '')).join('');
    expect(body.includes(flat(text))).toBe(true);
  });
});

describe('no lonely lines', () => {
  const table = (rows: number): Block => ({ kind: 'table', columns: [{ title: '表头', weight: 1 }], rows: Array.from({ length: rows }, (_, i) => [`第${i}行`]) });

  it('never leaves the last row of a table alone on the next page', async () => {
    const stranded: number[] = [];
    for (let n = 20; n < 32; n++) {
      const texts = await pages(`widow-${n}.pdf`, { ...base, blocks: [table(n)] });
      const last = texts.at(-1) ?? '';
      const rowsOnLast = (last.match(/第\d+行/g) ?? []).length;
      if (texts.length > 1 && rowsOnLast < 2) stranded.push(n);
    }
    expect(stranded).toEqual([]);
  });

  it('moves the last section over rather than leave a short notice alone on the last page', async () => {
    const lonely: number[] = [];
    for (let n = 16; n < 28; n++) {
      const blocks: Block[] = [
        ...Array.from({ length: n }, (_, i): Block => ({ kind: 'paragraph', text: `正文第${i}段。` })),
        { kind: 'heading', level: 1, text: '二、最后一节' },
        { kind: 'paragraph', text: '最后一节的正文。' },
        { kind: 'notice', title: '提示', text: '最后的提示。' },
      ];
      const texts = await pages(`lonely-${n}.pdf`, { ...base, blocks });
      if (texts.length > 1 && !(texts.at(-1) ?? '').includes('最后一节的正文')) lonely.push(n);
    }
    expect(lonely).toEqual([]);
  });
});

describe('same answers, same report', () => {
  it('two hours apart on one day: same content and hash, only the generation time differs', () => {
    const a = summaryDocument(campaign, enterprise, NOW);
    const b = summaryDocument(campaign, enterprise, new Date(NOW.getTime() + 2 * 3_600_000));
    expect(b.blocks).toEqual(a.blocks);
    expect(b.footer[0]).toBe(a.footer[0]);
    expect(b.footer[1]).not.toBe(a.footer[1]);
  });

  it('the hash changes with a relevant answer and ignores answers that no longer apply', () => {
    const hash = answersHash(campaign, enterprise, NOW);
    expect(answersHash(campaign, { ...enterprise, sanctions_2024: 2 }, NOW)).not.toBe(hash);
    const noDispatch = { ...enterprise, uses_dispatch: false };
    expect(answersHash(campaign, { ...noDispatch, dispatched: 99 }, NOW)).toBe(answersHash(campaign, noDispatch, NOW));
    expect(summaryDocument(campaign, enterprise, NOW).footer[0]).toContain(hash);
  });

  it('renders the same document to the same bytes', async () => {
    const doc = summaryDocument(campaign, enterprise, NOW);
    const [a, b] = await Promise.all([renderPdf(doc), renderPdf(doc)]);
    expect(a.equals(b)).toBe(true);
  });
});

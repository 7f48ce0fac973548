/**
 * Renders a document model (src/core/document.ts) to PDF with pdfkit and an embedded Noto Sans SC subset.
 * The layout is ours, not pdfkit's: every block is measured before it is drawn, so a heading never ends a
 * page, a table row is never split and a table's header row is repeated on each page it runs onto.
 * No page holds a lonely line or two: a table never leaves a single row behind, and when a first (dry)
 * pass ends on a page with almost nothing on it, the last section moves over to keep it company.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { td, type Block, type Document } from '../../core/document.ts';

type Pdf = PDFKit.PDFDocument;
type FontName = 'regular' | 'bold';
type TextStyle = { font?: FontName; size?: number; color?: string; align?: 'left' | 'center' | 'right'; lineGap?: number };

const FONT_FILES: Record<FontName, string> = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
};
let fontCache: Record<FontName, Buffer> | undefined;

/** The two TTFs (10 MB each) are read once per process; pdfkit embeds only the glyphs a document uses. */
export function fonts(): Record<FontName, Buffer> {
  if (!fontCache) {
    const require = createRequire(import.meta.url);
    fontCache = { regular: readFileSync(require.resolve(FONT_FILES.regular)), bold: readFileSync(require.resolve(FONT_FILES.bold)) };
  }
  return fontCache;
}

/** The bytes a pdfkit document streams out, once `end()` is called. Listen before drawing. */
export function pdfBytes(pdf: Pdf): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

const MARGIN = { top: 62, bottom: 70, left: 62, right: 62 };
const SIZE = { title: 18, subtitle: 10, h1: 13, h2: 11, body: 10.5, cell: 9.5, small: 8.5, footer: 8 };
const COLOR = { text: '#111111', muted: '#555555', border: '#444444', headerFill: '#ececec', keyFill: '#f5f5f5', noticeFill: '#fdf6e9', noticeBorder: '#a15c00' };
const GAP = { block: 8, lineGap: 3, cellLineGap: 1.5, pad: 4, minRow: 22, writingRow: 26, signature: 54 };

/** A cursor over the page: measures, breaks pages and draws (or, in a dry run, only measures). */
class Layout {
  y = MARGIN.top;
  page = 1;
  readonly x = MARGIN.left;
  readonly width: number;
  readonly bottom: number;

  constructor(
    readonly pdf: Pdf,
    readonly dry = false,
    /** Heights are asked for several times (keep-with-next looks ahead, rows centre their cells, passes repeat): measure once. */
    private readonly heights = new Map<string, number>(),
  ) {
    this.width = pdf.page.width - MARGIN.left - MARGIN.right;
    this.bottom = pdf.page.height - MARGIN.bottom;
  }

  get pageHeight() {
    return this.bottom - MARGIN.top;
  }

  /** Starts a new page unless `height` fits below the cursor or the cursor is already at the top of a page. */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > MARGIN.top) this.newPage();
  }

  newPage(): void {
    if (!this.dry) this.pdf.addPage();
    this.page++;
    this.y = MARGIN.top;
  }

  get atTop(): boolean {
    return this.y <= MARGIN.top;
  }

  space(points: number): void {
    if (this.y > MARGIN.top) this.y += points;
  }

  style(s: TextStyle): Pdf {
    return this.pdf.font(s.font ?? 'regular').fontSize(s.size ?? SIZE.body).fillColor(s.color ?? COLOR.text);
  }

  measure(text: string, width: number, s: TextStyle = {}): number {
    if (text === '') return 0;
    const lineGap = s.lineGap ?? GAP.lineGap;
    const key = `${s.font ?? 'regular'}|${s.size ?? SIZE.body}|${width}|${lineGap}|${text}`;
    let h = this.heights.get(key);
    if (h === undefined) {
      h = this.style(s).heightOfString(text, { width, lineGap });
      this.heights.set(key, h);
    }
    return h;
  }

  /** Draws text at a point; `height` clips it so pdfkit never adds a page behind our back. */
  text(text: string, x: number, y: number, width: number, s: TextStyle = {}, height?: number): void {
    if (text === '' || this.dry) return;
    this.style(s).text(text, x, y, { width, lineGap: s.lineGap ?? GAP.lineGap, align: s.align ?? 'left', ...(height === undefined ? {} : { height, ellipsis: true }) });
  }

  rect(x: number, y: number, w: number, h: number, fill?: string, stroke = COLOR.border): void {
    if (this.dry) return;
    this.pdf.save().lineWidth(0.6);
    if (fill) this.pdf.rect(x, y, w, h).fillAndStroke(fill, stroke);
    else this.pdf.rect(x, y, w, h).stroke(stroke);
    this.pdf.restore();
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.6, color = COLOR.border): void {
    if (this.dry) return;
    this.pdf.save().lineWidth(width).moveTo(x1, y1).lineTo(x2, y2).stroke(color).restore();
  }
}

// ── Rows: the unbreakable unit of tables and key–value grids ───────────────────────────────
type Cell = { text: string; width: number; style: TextStyle; fill?: string };

function rowHeight(l: Layout, cells: Cell[], minHeight: number): number {
  const content = Math.max(0, ...cells.map((c) => l.measure(c.text, c.width - 2 * GAP.pad, { lineGap: GAP.cellLineGap, ...c.style })));
  return Math.max(minHeight, content + 2 * GAP.pad);
}

function drawRow(l: Layout, cells: Cell[], height: number): void {
  // A row taller than the page (only ever drawn at the top, or below its table's header) is cut at the page's bottom.
  const h = Math.min(height, l.bottom - l.y);
  let x = l.x;
  for (const c of cells) {
    l.rect(x, l.y, c.width, h, c.fill);
    const textHeight = l.measure(c.text, c.width - 2 * GAP.pad, { lineGap: GAP.cellLineGap, ...c.style });
    const top = l.y + Math.max(GAP.pad, (h - textHeight) / 2);
    l.text(c.text, x + GAP.pad, top, c.width - 2 * GAP.pad, { lineGap: GAP.cellLineGap, ...c.style }, h - GAP.pad);
    x += c.width;
  }
  l.y += h;
}

function columnWidths(l: Layout, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  return weights.map((w) => (l.width * w) / total);
}

function tableRows(l: Layout, block: Extract<Block, { kind: 'table' }>) {
  const widths = columnWidths(l, block.columns.map((c) => c.weight));
  const header: Cell[] = block.columns.map((c, i) => ({ text: c.title, width: widths[i] ?? 0, style: { font: 'bold', size: SIZE.cell, align: 'center' }, fill: COLOR.headerFill }));
  const body = block.rows.map((r) => widths.map((width, i): Cell => ({ text: r[i] ?? '', width, style: { size: SIZE.cell, align: block.columns[i]?.align ?? 'left' } })));
  // A row with nothing to read beyond its number is a line to write on: give it room for handwriting.
  const minFor = (r: string[]) => (r.slice(1).every((c) => c === '') ? GAP.writingRow : GAP.minRow);
  return { header, headerHeight: rowHeight(l, header, GAP.minRow), body, heights: body.map((cells, i) => rowHeight(l, cells, minFor(block.rows[i] ?? []))) };
}

function keyValueRows(l: Layout, block: Extract<Block, { kind: 'keyValue' }>) {
  const [kw, vw] = columnWidths(l, [30, 70]);
  return block.rows.map((r) => {
    const cells: Cell[] = [
      { text: r.key, width: kw ?? 0, style: { font: 'bold', size: SIZE.cell }, fill: COLOR.keyFill },
      { text: r.value, width: vw ?? 0, style: { size: SIZE.cell } },
    ];
    return { cells, height: rowHeight(l, cells, r.value === '' ? GAP.writingRow : GAP.minRow) };
  });
}

// ── Blocks ─────────────────────────────────────────────────────────────────────────────────
const headingStyle = (level: 1 | 2): TextStyle => ({ font: 'bold', size: level === 1 ? SIZE.h1 : SIZE.h2 });
const paragraphStyle = (b: Extract<Block, { kind: 'paragraph' }>): TextStyle => ({
  font: b.tone === 'strong' ? 'bold' : 'regular',
  color: b.tone === 'muted' ? COLOR.muted : COLOR.text,
  size: b.tone === 'muted' ? SIZE.small : SIZE.body,
  align: b.align ?? 'left',
});

function checklistItemHeight(l: Layout, item: { text: string; detail?: string }): number {
  const w = l.width - 18;
  return l.measure(item.text, w) + (item.detail ? l.measure(item.detail, w, { size: SIZE.small }) + 1 : 0) + 4;
}

function noticeHeight(l: Layout, b: Extract<Block, { kind: 'notice' }>): number {
  const w = l.width - 20;
  return 10 + l.measure(b.title, w, { font: 'bold' }) + 2 + l.measure(b.text, w, { size: SIZE.cell }) + 10;
}

/** The height of the first piece of a block that cannot be split: what a heading before it must stay with. */
function firstPieceHeight(l: Layout, blocks: readonly Block[], i: number): number {
  const b = blocks[i];
  if (!b) return 0;
  switch (b.kind) {
    case 'heading': return l.measure(b.text, l.width, headingStyle(b.level)) + 10 + firstPieceHeight(l, blocks, i + 1);
    case 'paragraph': {
      const h = l.measure(b.text, l.width, paragraphStyle(b));
      // A short muted note right under a heading is a lead-in, not content yet: keep what it introduces with it too.
      const leadIn = blocks[i - 1]?.kind === 'heading' && b.tone === 'muted' && h < 3 * SIZE.small * 1.5;
      return Math.min(h, l.pageHeight / 3) + (leadIn ? GAP.block + firstPieceHeight(l, blocks, i + 1) : 0);
    }
    case 'keyValue': return keyValueRows(l, b)[0]?.height ?? 0;
    case 'table': {
      const t = tableRows(l, b);
      return t.headerHeight + (t.heights[0] ?? 0);
    }
    case 'checklist': return b.items[0] ? checklistItemHeight(l, b.items[0]) : 0;
    case 'notice': return noticeHeight(l, b);
    case 'signature': return GAP.signature;
    case 'barChart': return barChartHeight(b);
  }
}

// ── Bar charts (the staff's progress report) ───────────────────────────────────────────────
const BAR = { height: 14, gap: 6, labelWidth: 130, legend: 18 };
const SERIES_COLORS = ['#9e9e9e', '#f2a33a', '#3b8b4a', '#6d8fc7', '#c94f4f'];

function barChartHeight(b: Extract<Block, { kind: 'barChart' }>): number {
  return BAR.legend + b.bars.length * (BAR.height + BAR.gap);
}

function drawBarChart(l: Layout, b: Extract<Block, { kind: 'barChart' }>): void {
  l.ensure(barChartHeight(b));
  const max = Math.max(1, ...b.bars.map((bar) => bar.values.reduce((x, y) => x + y, 0)));
  const width = l.width - BAR.labelWidth - 40;
  // Legend: a swatch and the series' name, side by side.
  let x = l.x;
  b.series.forEach((name, i) => {
    if (!l.dry) l.pdf.save().rect(x, l.y + 2, 9, 9).fill(SERIES_COLORS[i % SERIES_COLORS.length] as string).restore();
    l.text(name, x + 12, l.y, 90, { size: SIZE.small });
    x += 16 + (l.dry ? 60 : l.style({ size: SIZE.small }).widthOfString(name)) + 10;
  });
  l.y += BAR.legend;
  for (const bar of b.bars) {
    l.text(bar.label, l.x, l.y + 1, BAR.labelWidth - 6, { size: SIZE.small, align: 'right' });
    let start = l.x + BAR.labelWidth;
    bar.values.forEach((v, i) => {
      const w = (v / max) * width;
      if (w > 0 && !l.dry) l.pdf.save().rect(start, l.y, w, BAR.height).fill(SERIES_COLORS[i % SERIES_COLORS.length] as string).restore();
      start += w;
    });
    l.text(String(bar.values.reduce((a, c) => a + c, 0)), start + 4, l.y + 1, 36, { size: SIZE.small });
    l.y += BAR.height + BAR.gap;
  }
}

function drawBlock(l: Layout, blocks: readonly Block[], i: number): void {
  const b = blocks[i];
  if (!b) return;
  switch (b.kind) {
    case 'heading': {
      l.space(b.level === 1 ? 8 : 4);
      l.ensure(firstPieceHeight(l, blocks, i));
      const s = headingStyle(b.level);
      l.text(b.text, l.x, l.y, l.width, s);
      l.y += l.measure(b.text, l.width, s) + 4;
      return;
    }
    case 'paragraph': {
      const s = paragraphStyle(b);
      const h = l.measure(b.text, l.width, s);
      if (h <= l.pageHeight) {
        l.ensure(h);
        l.text(b.text, l.x, l.y, l.width, s);
        l.y += h;
      } else if (l.dry) {
        // Longer than a page: count the pages pdfkit will flow it onto.
        let rest = h;
        while (l.y + rest > l.bottom) {
          rest -= l.bottom - l.y;
          l.newPage();
        }
        l.y += rest;
      } else {
        // Longer than a page: let pdfkit flow it line by line onto the following pages.
        const before = l.pdf.bufferedPageRange().count;
        l.style(s).text(b.text, l.x, l.y, { width: l.width, lineGap: GAP.lineGap, align: s.align ?? 'left' });
        l.page += l.pdf.bufferedPageRange().count - before;
        l.y = l.pdf.y;
      }
      break;
    }
    case 'keyValue':
      for (const r of keyValueRows(l, b)) {
        l.ensure(r.height);
        drawRow(l, r.cells, r.height);
      }
      break;
    case 'table': {
      const t = tableRows(l, b);
      l.ensure(t.headerHeight + (t.heights[0] ?? 0));
      drawRow(l, t.header, t.headerHeight);
      let onPage = 0;
      t.body.forEach((cells, r) => {
        const h = t.heights[r] ?? GAP.minRow;
        // Not before a page's first row: below a header, a row taller than a page would only move on with it.
        if ((l.y + h > l.bottom && onPage > 0) || leavesWidow(l, t.heights, r, onPage)) {
          l.newPage();
          drawRow(l, t.header, t.headerHeight);
          onPage = 0;
        }
        drawRow(l, cells, h);
        onPage++;
      });
      break;
    }
    case 'checklist': {
      const heights = b.items.map((item) => checklistItemHeight(l, item));
      let onPage = 0;
      for (const [k, item] of b.items.entries()) {
        if ((l.y + (heights[k] ?? 0) > l.bottom && !l.atTop) || leavesWidow(l, heights, k, onPage)) {
          l.newPage();
          onPage = 0;
        }
        onPage++;
        drawCheckbox(l, l.x + 1, l.y + 4, item.checked);
        const w = l.width - 18;
        l.text(item.text, l.x + 18, l.y, w);
        l.y += l.measure(item.text, w);
        if (item.detail) {
          l.text(item.detail, l.x + 18, l.y + 1, w, { size: SIZE.small, color: COLOR.muted });
          l.y += l.measure(item.detail, w, { size: SIZE.small }) + 1;
        }
        l.y += 4;
      }
      break;
    }
    case 'notice': {
      const h = noticeHeight(l, b);
      l.ensure(h);
      l.rect(l.x, l.y, l.width, h, COLOR.noticeFill, COLOR.noticeBorder);
      const w = l.width - 20;
      l.text(b.title, l.x + 10, l.y + 10, w, { font: 'bold', color: COLOR.noticeBorder });
      l.text(b.text, l.x + 10, l.y + 12 + l.measure(b.title, w, { font: 'bold' }), w, { size: SIZE.cell });
      l.y += h;
      break;
    }
    case 'barChart':
      drawBarChart(l, b);
      break;
    case 'signature': {
      l.ensure(GAP.signature);
      const w = l.width / b.fields.length;
      const base = l.y + GAP.signature - 8;
      b.fields.forEach((f, k) => {
        const x = l.x + k * w;
        const label = td('doc.fieldLabel', { label: f.label });
        l.text(label, x, base - 14, w);
        const labelWidth = l.pdf.widthOfString(label);
        l.line(x + labelWidth, base, x + w - 12, base);
        if (f.hint) l.text(f.hint, x + labelWidth, base - 14, w - 12 - labelWidth, { align: 'right' });
      });
      l.y += GAP.signature;
      break;
    }
  }
  l.space(GAP.block);
}

/**
 * Whether drawing row `r` here would strand the table's last row alone on the next page: then `r` goes
 * over too (when at least two rows already stand on this page, so the break still leaves company behind).
 */
function leavesWidow(l: Layout, heights: readonly number[], r: number, onPage: number): boolean {
  if (r !== heights.length - 2 || onPage < 2) return false;
  const [h, last] = [heights[r] ?? 0, heights[r + 1] ?? 0];
  return l.y + h <= l.bottom && l.y + h + last > l.bottom;
}

function drawCheckbox(l: Layout, x: number, y: number, checked: boolean): void {
  if (l.dry) return;
  l.rect(x, y, 9, 9);
  if (checked) l.pdf.save().lineWidth(1.3).moveTo(x + 1.8, y + 4.6).lineTo(x + 3.9, y + 7).lineTo(x + 7.6, y + 1.8).stroke(COLOR.text).restore();
}

function drawTitle(l: Layout, doc: Document): void {
  l.text(doc.title, l.x, l.y, l.width, { font: 'bold', size: SIZE.title, align: 'center' });
  l.y += l.measure(doc.title, l.width, { font: 'bold', size: SIZE.title }) + 4;
  for (const line of doc.subtitle) {
    const s: TextStyle = { size: SIZE.subtitle, color: COLOR.muted, align: 'center' };
    l.text(line, l.x, l.y, l.width, s);
    l.y += l.measure(line, l.width, s);
  }
  l.y += 6;
  l.line(l.x, l.y, l.x + l.width, l.y, 1.2, COLOR.text);
  l.y += 12;
}

/** Footer lines and "第 N 页 / 共 M 页" on every page, drawn once the page count is known. */
function drawFooters(l: Layout, doc: Document): void {
  const { start, count } = l.pdf.bufferedPageRange();
  const numberWidth = 90;
  for (let i = start; i < start + count; i++) {
    l.pdf.switchToPage(i);
    const top = l.pdf.page.height - MARGIN.bottom + 22;
    l.line(l.x, top, l.x + l.width, top, 0.5, COLOR.muted);
    const s: TextStyle = { size: SIZE.footer, color: COLOR.muted };
    doc.footer.forEach((line, k) => l.text(line, l.x, top + 4 + k * 11, l.width - numberWidth, s, 12));
    l.text(td('doc.pageNumber', { page: i - start + 1, pages: count }), l.x + l.width - numberWidth, top + 4, numberWidth, { ...s, align: 'right' }, 12);
  }
}

/** Less than this much on the last page (about four lines) reads as a page left over: pull content onto it. */
const LONELY_HEIGHT = 80;
/** A single short block (a notice, a signature line) alone on the last page is left over too. */
const LONELY_BLOCK_HEIGHT = 160;

type Pass = { pages: number; lastPageHeight: number; starts: { page: number; atTop: boolean }[] };

/** Lays the document out once; `breakBefore` forces a new page before that block. Dry passes only measure. */
function layOut(l: Layout, doc: Document, breakBefore?: number): Pass {
  const starts: Pass['starts'] = [];
  drawTitle(l, doc);
  doc.blocks.forEach((_, i) => {
    if (i === breakBefore && !l.atTop) l.newPage();
    starts.push({ page: l.page, atTop: l.atTop });
    drawBlock(l, doc.blocks, i);
  });
  return { pages: l.page, lastPageHeight: l.y - MARGIN.top, starts };
}

/**
 * Where to break so that the last page is not left with a line or two: before the last heading that starts
 * part-way down the page before it, provided the document does not grow a page by it.
 */
function widowBreak(pdf: Pdf, doc: Document, heights: Map<string, number>): number | undefined {
  const first = layOut(new Layout(pdf, true, heights), doc);
  const blocksOnLast = first.starts.filter((s) => s.page === first.pages).length;
  const lonely = first.lastPageHeight < LONELY_HEIGHT || (blocksOnLast <= 1 && first.lastPageHeight < LONELY_BLOCK_HEIGHT);
  if (first.pages < 2 || !lonely) return undefined;
  for (let i = doc.blocks.length - 1; i >= 0; i--) {
    const start = first.starts[i];
    if (!start || start.page < first.pages - 1) break;
    if (start.page !== first.pages - 1 || start.atTop || doc.blocks[i]?.kind !== 'heading') continue;
    const second = layOut(new Layout(pdf, true, heights), doc, i);
    return second.pages === first.pages ? i : undefined;
  }
  return undefined;
}

/** Renders a document to PDF bytes. Same document (including its date) → same bytes. */
export function renderPdf(doc: Document): Promise<Buffer> {
  const { regular, bold } = fonts();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: doc.title, Author: td('doc.author'), Creator: td('doc.author'), CreationDate: doc.date, ModDate: doc.date },
  });
  const done = pdfBytes(pdf);
  pdf.registerFont('regular', regular);
  pdf.registerFont('bold', bold);
  const heights = new Map<string, number>();
  const breakBefore = widowBreak(pdf, doc, heights);
  const layout = new Layout(pdf, false, heights);
  layOut(layout, doc, breakBefore);
  drawFooters(layout, doc);
  pdf.end();
  return done;
}

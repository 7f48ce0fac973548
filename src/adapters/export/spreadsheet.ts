/**
 * Tables to the files bureaus work with: XLSX (exceljs; Chinese bureaus work in Excel) and CSV (UTF-8 with a
 * byte-order mark, so Excel opens Chinese text right); and a roster file (XLSX or CSV) back to rows.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Table } from '../../app/unit-table.ts';

const BOM = '\uFEFF';

export async function tableToXlsx(table: Table): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = table.title;
  const sheet = book.addWorksheet(table.title.slice(0, 31));
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  // As wide as the column's longest text (two units a character: Chinese is double width), from 10 to 40;
  // the header row stays in view while scrolling.
  sheet.columns.forEach((column, i) => {
    const widths = [table.columns[i] ?? '', ...table.rows.map((r) => String(r[i] ?? ''))].map((v) => [...v].length * 2 + 2);
    column.width = Math.min(40, Math.max(10, ...widths));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function tableToCsv(table: Table): Buffer {
  return Buffer.from(BOM + stringify([table.columns, ...table.rows]), 'utf8');
}

/** A roster file's rows (the first is its header): the first sheet of an XLSX, or a CSV. */
export async function readSheet(fileName: string, bytes: Buffer): Promise<unknown[][]> {
  if (/\.xlsx$/i.test(fileName)) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) return [];
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push(values.map((v) => (v && typeof v === 'object' && 'text' in v ? (v as { text: unknown }).text : v)));
    });
    return rows;
  }
  if (/\.csv$/i.test(fileName)) {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    return parse(text, { relax_column_count: true, skip_empty_lines: true }) as unknown[][];
  }
  throw new Error(`not a roster file: ${fileName}`);
}

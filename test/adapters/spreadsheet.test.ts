/**
 * The files a bureau opens in Excel: the export read back with exceljs (header, widths, frozen row, sheet
 * name), CSV with its byte-order mark, and roster files (XLSX and CSV) read back to rows.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheet, tableToCsv, tableToXlsx } from '../../src/adapters/export/spreadsheet.ts';
import type { Table } from '../../src/app/unit-table.ts';

const table: Table = {
  title: '昌吉州2024年度劳动保障书面审查 名单导出（第一批，含全部县市）',
  columns: ['单位名称', '区', '进度'],
  rows: [
    ['新疆某某非常非常长名字的建筑安装工程有限责任公司第一分公司', '昌吉市', 12],
    ['甲', '', 0],
  ],
};

async function readBack(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book.worksheets[0] as ExcelJS.Worksheet;
}

describe('the export', () => {
  it('is one sheet named by the title (Excel allows 31 characters), a bold header that stays in view, then the rows', async () => {
    const sheet = await readBack(await tableToXlsx(table));
    expect(sheet.name).toBe(table.title.slice(0, 31));
    expect(sheet.getRow(1).values).toEqual([undefined, ...table.columns]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getRow(2).font?.bold).not.toBe(true);
    expect(sheet.getRow(2).values).toEqual([undefined, ...(table.rows[0] as unknown[])]);
    expect(sheet.views).toEqual([expect.objectContaining({ state: 'frozen', ySplit: 1 })]);
  });

  it('sizes each column for its longest text, two units a character, between 10 and 40', async () => {
    const sheet = await readBack(await tableToXlsx(table));
    // 28 characters: capped at 40. '区' and '昌吉市' (3): 3 × 2 + 2 = 8, raised to 10. '进度' (2) and 12: 10.
    expect([1, 2, 3].map((i) => sheet.getColumn(i).width)).toEqual([40, 10, 10]);
    const medium = await readBack(await tableToXlsx({ title: 't', columns: ['单位', '统一社会信用代码'], rows: [['某某公司', '91652301MA78XXXX0X']] }));
    // '某某公司' 4 × 2 + 2 = 10; the code, 18 characters: 38.
    expect([1, 2].map((i) => medium.getColumn(i).width)).toEqual([10, 38]);
    const header = await readBack(await tableToXlsx({ title: 't', columns: ['一二三四五六七八'], rows: [['短']] }));
    expect(header.getColumn(1).width).toBe(18);
  });

  it('writes CSV in UTF-8 with a byte-order mark (so Excel shows Chinese), quoting what needs it', () => {
    const bytes = tableToCsv({ title: 't', columns: ['单位', '备注'], rows: [['某某公司', '含,逗号']] });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe('\uFEFF单位,备注\n某某公司,"含,逗号"\n');
  });
});

describe('a roster file', () => {
  it('reads the first sheet of an XLSX, link cells as their text, empty rows kept in place', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(['单位名称', '网址']);
    sheet.addRow(['某某公司', { text: '官网', hyperlink: 'https://example.cn/' }]);
    sheet.getRow(4).values = ['另一家', 'x'];
    book.addWorksheet('第二页').addRow(['不读']);
    const rows = await readSheet('名单.XLSX', Buffer.from(await book.xlsx.writeBuffer()));
    expect(rows).toEqual([['单位名称', '网址'], ['某某公司', '官网'], [], ['另一家', 'x']]);
  });

  it('reads a CSV with or without a byte-order mark, ragged rows allowed, blank lines skipped', async () => {
    const text = '单位名称,区\n某某公司,昌吉市,多余\n\n乙公司\n';
    const expected = [['单位名称', '区'], ['某某公司', '昌吉市', '多余'], ['乙公司']];
    expect(await readSheet('roster.csv', Buffer.from(text))).toEqual(expected);
    expect(await readSheet('ROSTER.CSV', Buffer.from(`\uFEFF${text}`))).toEqual(expected);
  });

  it('refuses any other file by name, naming it, even one that merely contains .csv or .xlsx', async () => {
    for (const name of ['roster.txt', 'roster.csv.exe', 'roster.xlsx.zip']) {
      await expect(readSheet(name, Buffer.from('a,b\n'))).rejects.toThrow(`not a roster file: ${name}`);
    }
  });
});

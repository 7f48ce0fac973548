/**
 * The dashboard's charts as drawn: bars scaled to the largest value (the overview's tests only ever have
 * 1 as the largest, where scaling and not scaling look the same), and labels clipped past their room.
 */
import { describe, expect, it } from 'vitest';
import { bars, columns, stackedBars } from '../../src/adapters/web/charts.ts';

const SERIES = [
  { name: '未开始', color: '#111111' },
  { name: '进行中', color: '#222222' },
];
/** The width of the chart's room for bars: 440 wide, 90 for labels, 50 for the printed totals. */
const ROOM = 440 - 90 - 50;

/** The bars' widths (or heights) as drawn. */
const sizes = (svg: string, attribute: 'width' | 'height') => [...svg.matchAll(new RegExp(`<rect [^>]*\\b${attribute}="([\\d.]+)"`, 'g'))].map((m) => Number(m[1]));
/** The labels printed beside the bars. */
const labels = (svg: string) => [...svg.matchAll(/<text [^>]*text-anchor="end">([^<]*)<\/text>/g)].map((m) => m[1]);

describe('stacked bars (units by area)', () => {
  it('the area with the most units fills the room; one with half as many, half of it', () => {
    const svg = String(stackedBars('各地区', [
      { label: '阜康市', values: [1, 1] },
      { label: '奇台县', values: [1, 0] },
    ], SERIES));
    expect(sizes(svg, 'width')).toEqual([ROOM / 2, ROOM / 2, ROOM / 2]);
    // The totals printed at the ends.
    expect([...svg.matchAll(/<text x="[\d.]+" y="\d+">(\d+)<\/text>/g)].map((m) => m[1])).toEqual(['2', '1']);
  });

  it('a label of six characters is shown whole; a longer one is cut to five and an ellipsis', () => {
    const svg = String(stackedBars('各地区', [
      { label: '准东开发区六', values: [1, 0] },
      { label: '昌吉高新区七个', values: [1, 0] },
    ], SERIES));
    expect(labels(svg)).toEqual(['准东开发区六', '昌吉高新区…']);
  });
});

describe('bars (verdicts, grades, drop-off, missing materials)', () => {
  it('the largest value fills the room; half of it, half the room', () => {
    const svg = String(bars('预估等级', [
      { label: 'A 级', value: 4 },
      { label: 'B 级', value: 2 },
      { label: 'C 级', value: 0 },
    ]));
    expect(sizes(svg, 'width')).toEqual([ROOM, ROOM / 2, 0]);
  });

  it('a label as long as its room allows (a fourteenth of the label width) is shown whole', () => {
    const svg = String(bars('审查预判', [
      { label: '一二三四五六七八九十', value: 1 },
      { label: '一二三四五六七八九十一', value: 1 },
    ], undefined, 140));
    expect(labels(svg)).toEqual(['一二三四五六七八九十', '一二三四五六七八九…']);
  });
});

describe('columns (completion by day)', () => {
  it('the highest day reaches the top; a day with half as many, half as high', () => {
    const svg = String(columns('累计完成', [
      { label: '03-08', value: 1 },
      { label: '03-09', value: 2 },
      { label: '03-10', value: 4 },
    ]));
    // 180 high, 40 of it for the dates and the last value.
    expect(sizes(svg, 'height')).toEqual([35, 70, 140]);
  });
});

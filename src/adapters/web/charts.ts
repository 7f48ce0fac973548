/**
 * Charts as inline SVG drawn on the server: no chart library, no script. Each is an image with a text
 * alternative (role="img", a title naming every figure), and prints its numbers beside the bars.
 */
import { escapeHtml, raw, type Html } from './html.ts';

export const PALETTE = ['#9aa5b1', '#f9ab00', '#1e8e3e', '#5f6b76', '#0b57d0', '#c62828'];

type Series = { name: string; color: string };
type Row = { label: string; values: number[] };

const W = 440;
const LABEL = 90;
const BAR = 20;
const GAP = 10;

function svg(title: string, height: number, body: string): Html {
  return raw(`<svg viewBox="0 0 ${W} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}" preserveAspectRatio="xMinYMin meet"><title>${escapeHtml(title)}</title>${body}</svg>`);
}

const clip = (label: string, max = 6) => ([...label].length > max ? `${[...label].slice(0, max - 1).join('')}…` : label);

/** Horizontal bars, one row per label, each split by series (stacked), the total printed at its end. */
export function stackedBars(title: string, rows: Row[], series: Series[]): Html {
  const max = Math.max(1, ...rows.map((r) => r.values.reduce((a, b) => a + b, 0)));
  const scale = (W - LABEL - 50) / max;
  const alt = `${title}：${rows.map((r) => `${r.label} ${r.values.map((v, i) => `${series[i]?.name ?? ''}${v}`).join('、')}`).join('；')}`;
  const body = rows
    .map((r, i) => {
      const y = i * (BAR + GAP);
      let x = LABEL;
      const parts = r.values
        .map((v, s) => {
          const w = v * scale;
          const rect = w > 0 ? `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${series[s]?.color ?? '#999'}"><title>${escapeHtml(`${r.label} ${series[s]?.name ?? ''}：${v}`)}</title></rect>` : '';
          x += w;
          return rect;
        })
        .join('');
      const total = r.values.reduce((a, b) => a + b, 0);
      return `<text x="${LABEL - 6}" y="${y + BAR - 4}" text-anchor="end">${escapeHtml(clip(r.label))}</text>${parts}<text x="${(x + 4).toFixed(1)}" y="${y + BAR - 4}">${total}</text>`;
    })
    .join('');
  return svg(alt, Math.max(1, rows.length) * (BAR + GAP), body);
}

/** One bar per label (one colour), its value printed beside it. */
export function bars(title: string, rows: { label: string; value: number }[], color = PALETTE[4] as string, labelWidth = LABEL): Html {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const scale = (W - labelWidth - 50) / max;
  const alt = `${title}：${rows.map((r) => `${r.label} ${r.value}`).join('；')}`;
  const body = rows
    .map((r, i) => {
      const y = i * (BAR + GAP);
      const w = r.value * scale;
      return `<text x="${labelWidth - 6}" y="${y + BAR - 4}" text-anchor="end">${escapeHtml(clip(r.label, Math.floor(labelWidth / 14)))}</text><rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${color}"><title>${escapeHtml(`${r.label}：${r.value}`)}</title></rect><text x="${(labelWidth + w + 4).toFixed(1)}" y="${y + BAR - 4}">${r.value}</text>`;
    })
    .join('');
  return svg(alt, Math.max(1, rows.length) * (BAR + GAP), body);
}

/** Columns over time (a day each), the last value printed, dates under the first and last. */
export function columns(title: string, points: { label: string; value: number }[], color = PALETTE[2] as string): Html {
  const H = 180;
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = (W - 20) / Math.max(1, points.length);
  const alt = `${title}：${points.map((p) => `${p.label} ${p.value}`).join('；')}`;
  const body = points
    .map((p, i) => {
      const h = (p.value / max) * (H - 40);
      const x = 10 + i * step;
      return `<rect x="${x.toFixed(1)}" y="${(H - 20 - h).toFixed(1)}" width="${Math.max(1, step - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"><title>${escapeHtml(`${p.label}：${p.value}`)}</title></rect>`;
    })
    .join('');
  const first = points[0];
  const last = points[points.length - 1];
  const labels = first && last ? `<text x="10" y="${H - 4}">${escapeHtml(first.label)}</text><text x="${W - 10}" y="${H - 4}" text-anchor="end">${escapeHtml(last.label)}</text><text x="${W - 10}" y="14" text-anchor="end">${last.value}</text>` : '';
  return svg(alt, H, body + labels);
}

/** The colour key of a stacked chart. */
export function legend(series: Series[]): Html {
  return raw(`<ul class="legend">${series.map((s) => `<li><i style="background:${s.color}"></i>${escapeHtml(s.name)}</li>`).join('')}</ul>`);
}

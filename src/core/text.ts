/** Looks up user-facing text in templates/ and fills in `{name}` placeholders. */
import { zh, type TextKey } from '../../templates/zh.ts';

export type { TextKey };
export type TextParams = Readonly<Record<string, string | number>>;

export function t(key: TextKey, params: TextParams = {}): string {
  return fill(zh[key], params);
}

/** Fills `{name}` placeholders; unknown names stay visible so a missing value is noticed, not hidden. */
export function fill(text: string, params: TextParams): string {
  // Most texts have nothing to fill (menu labels, headers): no regular expression runs for them.
  if (!text.includes('{')) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * Inline-button payloads: `a:<questionId|->:<option>:<rev>`, at most 64 bytes (Telegram's limit),
 * parsed with zod on the way back in, since anyone can send any callback_data to a bot.
 */
import { z } from 'zod';

export const MAX_CALLBACK_BYTES = 64;

export const AnswerButton = z.object({
  questionId: z.string().regex(/^[a-z0-9_]{1,40}$/).optional(),
  option: z.string().min(1).max(24).regex(/^[^:\s]+$/u),
  rev: z.number().int().min(0).max(999_999_999),
});
export type AnswerButton = z.infer<typeof AnswerButton>;

export function encodeAnswerButton(button: AnswerButton): string {
  const data = `a:${button.questionId ?? '-'}:${button.option}:${button.rev}`;
  if (Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) throw new Error(`callback_data over ${MAX_CALLBACK_BYTES} bytes: ${data}`);
  return data;
}

/** The button pressed, or undefined for data we did not make (forged, truncated, from another bot). */
export function decodeAnswerButton(data: unknown): AnswerButton | undefined {
  if (typeof data !== 'string' || Buffer.byteLength(data, 'utf8') > MAX_CALLBACK_BYTES) return undefined;
  const parts = data.split(':');
  if (parts.length !== 4 || parts[0] !== 'a' || !/^\d{1,9}$/.test(parts[3] ?? '')) return undefined;
  const [, questionId, option, rev] = parts;
  const parsed = AnswerButton.safeParse({ ...(questionId !== '-' ? { questionId } : {}), option, rev: Number(rev) });
  return parsed.success ? parsed.data : undefined;
}

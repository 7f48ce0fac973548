/** Replies as Telegram messages: inline keyboards for options, long texts split at line breaks. */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Reply } from '../../core/present.ts';
import { encodeAnswerButton } from './callback-data.ts';

export const MAX_MESSAGE_LENGTH = 4096;

export type OutgoingMessage = { text: string; keyboard?: InlineKeyboardMarkup };

/**
 * Short options (是/否/不确定) side by side, longer ones one a row, so labels are never cut off; the menu
 * (为什么问, 保持原回答…) in a row of its own below, carrying no question id: it is sent as if typed.
 */
export function keyboardFor(reply: Extract<Reply, { kind: 'prompt' }>): InlineKeyboardMarkup | undefined {
  if (reply.options.length + reply.menu.length === 0) return undefined;
  const buttons: InlineKeyboardButton[] = reply.options.map((o) => ({
    text: o.label,
    callback_data: encodeAnswerButton({ questionId: reply.questionId, option: o.id, rev: reply.rev }),
  }));
  const menu: InlineKeyboardButton[] = reply.menu.map((o) => ({ text: o.label, callback_data: encodeAnswerButton({ option: o.id, rev: reply.rev }) }));
  const short = reply.options.length <= 3 && reply.options.every((o) => [...o.label].length <= 6);
  const rows = buttons.length === 0 ? [] : short ? [buttons] : buttons.map((b) => [b]);
  return { inline_keyboard: menu.length ? [...rows, menu] : rows };
}

/** Splits text into pieces of at most `max` characters, at line breaks where it can. */
export function splitText(text: string, max = MAX_MESSAGE_LENGTH): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut <= 0) cut = max;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** The messages one reply becomes; a keyboard goes on the last piece. */
export function messagesFor(reply: Reply): OutgoingMessage[] {
  const pieces = splitText(reply.text);
  const keyboard = reply.kind === 'prompt' ? keyboardFor(reply) : undefined;
  return pieces.map((text, i) => (keyboard && i === pieces.length - 1 ? { text, keyboard } : { text }));
}

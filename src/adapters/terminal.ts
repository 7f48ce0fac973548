/**
 * The terminal chat: one line in, replies out. Works on a TTY and through a pipe (a program can drive
 * it): lines are handled strictly in order, nothing is styled, and end of input ends the chat.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ConversationService } from '../app/conversation-service.ts';
import { eventForText } from '../core/commands.ts';
import type { ConversationEvent } from '../core/conversation.ts';
import type { Reply } from '../core/present.ts';
import { t } from '../core/text.ts';

export type TerminalOptions = {
  service: ConversationService;
  input: Readable;
  output: Writable;
  /** The session key; one local user per terminal. */
  key?: string;
};

export function renderReply(reply: Reply): string {
  if (reply.kind !== 'prompt' || reply.options.length === 0) return reply.text;
  return [reply.text, ...reply.options.map((o, i) => `  ${i + 1}. ${o.label}`)].join('\n');
}

/** Runs the chat until the input ends or the unit types 退出/quit. */
export async function runTerminal({ service, input, output, key = 'term:local' }: TerminalOptions): Promise<void> {
  const write = (text: string) => output.write(`${text}\n\n`);
  const send = async (event: ConversationEvent) => {
    const { replies } = await service.handle(key, event);
    for (const reply of replies) write(renderReply(reply));
  };
  // Greets a new unit, or shows a returning one where it left off.
  await send({ type: 'user.start' });
  const lines = createInterface({ input, terminal: false, crlfDelay: Infinity });
  for await (const line of lines) {
    const event = eventForText(line);
    if (event === 'quit') {
      write(t('terminal.bye'));
      break;
    }
    if (typeof event === 'string') {
      write(t('terminal.notHere'));
      continue;
    }
    await send(event);
  }
  lines.close();
}

/**
 * The terminal chat: one line in, replies out. Works on a TTY and through a pipe (a program can drive
 * it): lines are handled strictly in order, nothing is styled, and end of input ends the chat.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ConversationService } from '../app/conversation-service.ts';
import type { DocumentService } from '../app/document-service.ts';
import type { DocumentKind } from '../core/signed-link.ts';
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
  /** PDFs are written under `outDir` after the summary and on 下载/pdf. */
  documents?: DocumentService;
  outDir?: string;
};

export function renderReply(reply: Reply): string {
  if (reply.kind !== 'prompt' || reply.options.length === 0) return reply.text;
  return [reply.text, ...reply.options.map((o, i) => `  ${i + 1}. ${o.label}`)].join('\n');
}

/** Runs the chat until the input ends or the unit types 退出/quit. */
export async function runTerminal({ service, input, output, key = 'term:local', documents, outDir = 'out' }: TerminalOptions): Promise<void> {
  const write = (text: string) => output.write(`${text}\n\n`);
  const writePdfs = async (kinds: DocumentKind[]) => {
    if (!documents) return write(t('terminal.notHere'));
    let written = 0;
    for (const kind of kinds) {
      const file = await documents.pdf(key, kind);
      if (!file) continue;
      await mkdir(outDir, { recursive: true });
      const path = join(outDir, file.fileName);
      await writeFile(path, file.bytes);
      write(t('pdf.written', { path }));
      written++;
    }
    if (written === 0) write(t('pdf.nothingYet'));
  };
  const send = async (event: ConversationEvent) => {
    const { replies } = await service.handle(key, event);
    for (const reply of replies) write(renderReply(reply));
    if (replies.some((r) => r.kind === 'summary') && documents) {
      await writePdfs(['summary']);
      write(t('pdf.more'));
    }
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
    if (event === 'pdf') {
      await writePdfs(['summary', 'review_form', 'filing_form', 'checklist']);
      continue;
    }
    await send(event);
  }
  lines.close();
}

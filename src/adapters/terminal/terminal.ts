/**
 * The terminal chat: one line in, replies out. Works on a TTY and through a pipe (a program can drive
 * it): lines are handled strictly in order, nothing is styled, and end of input ends the chat.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ConversationService } from '../../app/conversation-service.ts';
import { missingPdfText, type DocumentService } from '../../app/document-service.ts';
import type { DocumentKind } from '../../core/signed-link.ts';
import { eventForText } from '../../core/commands.ts';
import type { ConversationEvent } from '../../core/conversation.ts';
import type { Reply } from '../../core/present.ts';
import { StoreUnavailableError } from '../../core/store.ts';
import { t } from '../../core/text.ts';

export type TerminalOptions = {
  service: ConversationService;
  input: Readable;
  output: Writable;
  /** The session key; one local user per terminal. */
  key?: string;
  /** PDFs are written under `outDir` after the summary and on 下载/pdf. */
  documents?: DocumentService;
  outDir?: string;
  /** Where answers are kept when it is a local file: said once at the start. */
  sessionFile?: string;
};

/** The PDFs written for each unit, kept beside them so that 删除我的数据 can delete them too. */
const MANIFEST = '.nianshen-files.json';

async function readManifest(outDir: string): Promise<Record<string, string[]>> {
  try {
    return JSON.parse(await readFile(join(outDir, MANIFEST), 'utf8')) as Record<string, string[]>;
  } catch {
    return {};
  }
}

/**
 * Options of a question (and the numbered campaign list) are numbered; a menu beside a numbered list
 * (the review's 继续) shows the word to type instead, so its number cannot be taken for an answer's.
 */
export function renderReply(reply: Reply): string {
  if (reply.kind !== 'prompt') return reply.text;
  const lines = reply.options.map((o, i) => `  ${i + 1}. ${o.label}`);
  // A menu is words to type, never numbers, so that it cannot be taken for one of the options.
  const menu = reply.menu.map((o) => (o.label === o.id ? o.id : t('terminal.menuOption', { label: o.label, word: o.id })));
  return [reply.text, ...lines, ...(menu.length ? [t('terminal.menu', { words: menu.join(' · ') })] : [])].join('\n');
}

/** Runs the chat until the input ends or the unit types 退出/quit. */
export async function runTerminal({ service, input, output, key = 'term:local', documents, outDir = 'out', sessionFile }: TerminalOptions): Promise<void> {
  const lines = createInterface({ input, terminal: false, crlfDelay: Infinity });
  // Take the iterator now: lines (and the end of input) arriving during the greeting are buffered, not lost.
  const incoming = lines[Symbol.asyncIterator]();
  // A reader that goes away (`| head`) ends the chat quietly instead of crashing on EPIPE.
  let readerGone = false;
  output.on('error', () => {
    readerGone = true;
    lines.close();
  });
  const write = (text: string) => {
    if (!readerGone) output.write(`${text}\n\n`);
  };
  const writePdfs = async (kinds: DocumentKind[]) => {
    if (!documents) return write(t('terminal.notHere'));
    const missing: ('nothing_yet' | 'out_of_scope')[] = [];
    try {
      for (const kind of kinds) {
        const result = await documents.pdf(key, kind);
        if (!result.ok) {
          missing.push(result.reason);
          continue;
        }
        const file = result.file;
        await mkdir(outDir, { recursive: true });
        // basename: a file name never leaves OUT_DIR, whatever the unit typed as its name.
        const name = basename(file.fileName);
        const path = join(outDir, name);
        await writeFile(path, file.bytes);
        const manifest = await readManifest(outDir);
        manifest[key] = [...new Set([...(manifest[key] ?? []), name])];
        await writeFile(join(outDir, MANIFEST), JSON.stringify(manifest));
        write(t('pdf.written', { path }));
      }
    } catch (error) {
      // Redis down or a full disk: say so and keep the chat running.
      return write(t(error instanceof StoreUnavailableError ? 'conversation.saveFailed' : 'pdf.failed'));
    }
    if (missing.length) write(t(missingPdfText(missing)));
  };
  /** Deletes the PDFs written for this unit (删除我的数据 deletes everything, files included). */
  const deletePdfs = async (): Promise<number> => {
    const manifest = await readManifest(outDir);
    const names = manifest[key] ?? [];
    await Promise.all(names.map((name) => rm(join(outDir, basename(name)), { force: true })));
    delete manifest[key];
    if (names.length) await writeFile(join(outDir, MANIFEST), JSON.stringify(manifest));
    return names.length;
  };
  // Set by the greeting before anything is read (a terminal line carries no update id: never a duplicate).
  let lastOutcome = 'ok';
  const send = async (event: ConversationEvent) => {
    const { replies, outcome } = await service.handle(key, event);
    lastOutcome = outcome;
    for (const reply of replies) write(renderReply(reply));
    if (outcome === 'forgotten') {
      documents?.forget(key);
      const deleted = await deletePdfs();
      if (deleted) write(t('terminal.pdfsDeleted', { n: deleted }));
    }
    // The summary's PDF is written when an answer completes the review, not each time it is shown.
    const answered = event.type === 'user.answer' || event.type === 'user.skip';
    if (answered && replies.some((r) => r.kind === 'summary') && documents) {
      await writePdfs(['summary']);
      write(await documents.offerText(key));
    }
  };
  // Greets a new unit, or shows a returning one where it left off.
  if (sessionFile) write(t('terminal.fileNote', { path: sessionFile }));
  await send({ type: 'user.start' });
  for (let next = await incoming.next(); !next.done; next = await incoming.next()) {
    const line: string = next.value;
    if (readerGone) break;
    const event = eventForText(line);
    if (event === 'quit') {
      // Only say the answers are kept when they are: the last save went through, to a durable store.
      write(t(lastOutcome === 'store_unavailable' ? 'terminal.byeUnsaved' : service.durable ? 'terminal.bye' : 'terminal.byeMemory'));
      break;
    }
    if (event === 'pdf') {
      // A written review's PDFs come with its materials checklist; a campaign's completed forms with them.
      const kinds = await documents?.kindsFor(key).catch((error: unknown) => {
        if (error instanceof StoreUnavailableError) return undefined;
        throw error;
      });
      if (documents && !kinds) write(t('conversation.saveFailed'));
      else await writePdfs(kinds?.includes('review_form') ? [...kinds, 'checklist'] : kinds ?? []);
      continue;
    }
    await send(event);
  }
  lines.close();
}

/**
 * The terminal chat driven in this process through streams: the same runTerminal that `npm start` runs,
 * with a real store and real PDFs. terminal.test.ts drives the program itself in a child process; these
 * say the same things where `npm run mutate` can see them (mutants are switched in this process only).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { ConversationService } from '../../src/app/conversation-service.ts';
import { DocumentService } from '../../src/app/document-service.ts';
import { renderPdf } from '../../src/adapters/pdf/render.ts';
import { FileStore } from '../../src/adapters/store/file-store.ts';
import { MemoryStore } from '../../src/adapters/store/memory-store.ts';
import { renderReply, runTerminal } from '../../src/adapters/terminal/terminal.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { SessionStore } from '../../src/core/store.ts';
import { t } from '../../src/core/text.ts';
import { completeAnswers, PROFILES, typedConversation } from '../support/profiles.ts';

const campaign = findCampaign('changji-2024') as Campaign;
const clock = () => new Date('2025-03-10T09:00:00+08:00');
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nsz-chat-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

type Chat = { store?: SessionStore; out?: string; documents?: boolean; sessionFile?: string; key?: string; campaign?: Campaign };

/** Types `lines` into the chat and returns everything it printed, once the chat has ended. */
async function chat(lines: string[], options: Chat = {}): Promise<string> {
  const store = options.store ?? new MemoryStore({ retentionSeconds: 3600 });
  const campaigns = [options.campaign ?? campaign];
  const service = new ConversationService({ campaigns, store, clock });
  const documents = options.documents === false ? undefined : new DocumentService(service, campaigns, clock, renderPdf);
  const input = new PassThrough();
  let printed = '';
  const output = new Writable({ write: (chunk, _enc, done) => ((printed += chunk.toString()), done()) });
  const running = runTerminal({
    service,
    input,
    output,
    ...(documents ? { documents } : {}),
    ...(options.out ? { outDir: options.out } : {}),
    ...(options.sessionFile ? { sessionFile: options.sessionFile } : {}),
    ...(options.key ? { key: options.key } : {}),
  });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await running;
  return printed;
}

describe('the terminal chat', () => {
  it('numbers the options, shows a menu as words to type, and separates replies by a blank line', async () => {
    const prompt = renderReply({ kind: 'prompt', text: '问题', questionId: 'q', rev: 0, options: [{ id: 'yes', label: '是' }, { id: 'no', label: '否' }], menu: [{ id: '为什么问', label: '为什么问' }, { id: '继续', label: '回到问题' }] });
    expect(prompt).toBe(['问题', '  1. 是', '  2. 否', t('terminal.menu', { words: ['为什么问', t('terminal.menuOption', { label: '回到问题', word: '继续' })].join(' · ') })].join('\n'));
    expect(renderReply({ kind: 'prompt', text: '问题', questionId: 'q', rev: 0, options: [], menu: [] })).toBe('问题');
    expect(renderReply({ kind: 'text', text: '一段话' })).toBe('一段话');

    const printed = await chat([]);
    expect(printed.endsWith('\n\n')).toBe(true);
    expect(printed).toContain(t('conversation.welcomeNotKept'));
  });

  it('says where the answers are kept when they are in a file, and says goodbye accordingly', async () => {
    const dir = await scratchDir();
    const path = join(dir, 'sessions.json');
    const store = new FileStore(path, { retentionSeconds: 3600 });
    cleanups.push(() => store.close());
    const printed = await chat(['某某科技有限公司', '退出', '进度'], { store, sessionFile: path });
    expect(printed.startsWith(t('terminal.fileNote', { path }))).toBe(true);
    expect(printed.trimEnd().endsWith(t('terminal.bye'))).toBe(true);
    // Nothing after 退出 is read: 进度 would have printed the progress.
    expect(printed).not.toContain(t('terminal.byeMemory'));

    // The next run greets the unit back before it types anything, and shows where it stopped.
    const again = await chat([], { store, sessionFile: path });
    expect(again).toContain(t('conversation.welcomeBack'));
    expect(again).toContain('统一社会信用代码');
    expect(await store.load('term:local')).toBeDefined(); // the terminal's one unit, under its own key

    const inMemory = await chat(['退出']);
    expect(inMemory.trimEnd().endsWith(t('terminal.byeMemory'))).toBe(true);
    expect(inMemory).not.toContain(t('terminal.fileNote', { path }).slice(0, 6));
  });

  it('says a command is not available here when there are no documents, and carries on', async () => {
    const printed = await chat(['下载', '材料清单', '删除我的数据', '是'], { documents: false });
    expect(printed).toContain(t('terminal.notHere'));
    expect(printed.split(t('terminal.notHere')).length).toBe(2);
    expect(printed).toContain(t('conversation.forgotten'));
  });

  it('writes on 下载 for a campaign without a written review its own report only, no checklist', async () => {
    const out = await scratchDir();
    const printed = await chat(['某某科技有限公司', '下载'], { campaign: findCampaign('wenshui-2022') as Campaign, out });
    const written = printed.split('\n').filter((l) => l.startsWith(t('pdf.written', { path: '' })));
    expect(written).toHaveLength(1);
    expect(await readdir(out)).toEqual(expect.arrayContaining([expect.stringMatching(/^劳动保障信用等级自查报告-某某科技有限公司\.pdf$/)]));
    expect((await readdir(out)).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
  });

  it('forgets a unit that never wrote a PDF without touching the output folder', async () => {
    const out = join(await scratchDir(), 'never-made');
    const printed = await chat(['某某科技有限公司', '删除我的数据', '是'], { out });
    expect(printed).toContain(t('conversation.forgotten'));
    expect(printed).not.toContain(t('terminal.pdfsDeleted', { n: 1 }).slice(0, 4));
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes the summary once the last answer is given, and 删除我的数据 deletes only this unit’s PDFs', async () => {
    const out = await scratchDir();
    const store = new MemoryStore({ retentionSeconds: 3600 });
    // Another unit's PDF, recorded in the same folder, stays.
    const other = await chat([...typedConversation(campaign, completeAnswers(campaign, PROFILES.organ))], { store, out, key: 'term:other' });
    expect(other).toContain(t('pdf.more'));
    const otherFiles = (await readdir(out)).filter((f) => f.endsWith('.pdf'));
    expect(otherFiles).toHaveLength(1);

    const lines = typedConversation(campaign, completeAnswers(campaign, { ...PROFILES.enterpriseB, unit_name: '昌吉市示例建材有限公司' }));
    const done = await chat([...lines, '下载'], { store, out });
    const written = done.split('\n').filter((l) => l.startsWith(t('pdf.written', { path: '' })));
    // The summary after the last answer, then the four documents of 下载 (the summary again among them).
    expect(written).toHaveLength(5);
    expect(written[0]).toContain('自查报告');
    expect(new Set(written.slice(1)).size).toBe(4);
    expect(written.slice(1)).toContain(written[0]);
    for (const missing of ['pdf.nothingYet', 'pdf.outOfScope', 'pdf.failed'] as const) expect(done).not.toContain(t(missing));

    // Asking where it stands shows the summary again, but writes no PDF: nothing was answered.
    const status = await chat(['进度'], { store, out });
    expect(status).not.toContain(t('pdf.written', { path: '' }));
    const mine = (await readdir(out)).filter((f) => f.endsWith('.pdf') && f.includes('昌吉市示例建材有限公司'));
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const manifest = JSON.parse(await readFile(join(out, '.nianshen-files.json'), 'utf8')) as Record<string, string[]>;
    expect(Object.keys(manifest).sort()).toEqual(['term:local', 'term:other']);
    expect(new Set(manifest['term:local'])).toEqual(new Set((await readdir(out)).filter((f) => f.endsWith('.pdf') && !otherFiles.includes(f))));

    // A PDF the unit deleted by hand is no obstacle.
    await rm(join(out, manifest['term:local']?.[0] as string));
    const forget = await chat(['删除我的数据', '是'], { store, out });
    const deleted = t('terminal.pdfsDeleted', { n: manifest['term:local']?.length ?? -1 });
    expect(forget.indexOf(deleted)).toBeGreaterThan(forget.indexOf(t('conversation.forgotten')));
    expect(forget.split(deleted)).toHaveLength(2);
    expect((await readdir(out)).filter((f) => f.endsWith('.pdf'))).toEqual(otherFiles);
    expect(JSON.parse(await readFile(join(out, '.nianshen-files.json'), 'utf8'))).toEqual({ 'term:other': manifest['term:other'] });

    // Forgetting again: nothing left to delete, and nothing said about files.
    const again = await chat(['删除我的数据', '是'], { store, out });
    expect(again).not.toContain(t('terminal.pdfsDeleted', { n: 0 }).slice(0, 4));
  });

  it('writes the summary when a skip completes the review too', async () => {
    const out = await scratchDir();
    const lines = typedConversation(campaign, completeAnswers(campaign, PROFILES.organ));
    const printed = await chat([...lines.slice(0, -1), '跳过'], { out });
    expect(printed).toContain(t('pdf.more'));
    expect((await readdir(out)).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
  });

  it('says so when a PDF cannot be made, and carries on', async () => {
    const service = new ConversationService({ campaigns: [campaign], store: new MemoryStore({ retentionSeconds: 3600 }), clock });
    const documents = new DocumentService(service, [campaign], clock, async () => {
      throw new Error('disk full');
    });
    const input = new PassThrough();
    let printed = '';
    const output = new Writable({ write: (chunk, _enc, done) => ((printed += chunk.toString()), done()) });
    const running = runTerminal({ service, input, output, documents, outDir: await scratchDir() });
    input.end(['材料清单', '下载', '进度'].map((l) => `${l}\n`).join(''));
    await running;
    expect(printed).toContain(t('pdf.failed'));
  });

  it('starts over from an unreadable list of written files instead of failing', async () => {
    const out = await scratchDir();
    await writeFile(join(out, '.nianshen-files.json'), 'not json');
    const printed = await chat([...typedConversation(campaign, completeAnswers(campaign, PROFILES.organ))], { out });
    expect(printed).toContain(t('pdf.more'));
    const manifest = JSON.parse(await readFile(join(out, '.nianshen-files.json'), 'utf8')) as Record<string, string[]>;
    expect(Object.keys(manifest)).toEqual(['term:local']);
  });

  it('ends quietly when its reader goes away', async () => {
    const service = new ConversationService({ campaigns: [campaign], store: new MemoryStore({ retentionSeconds: 3600 }), clock });
    const input = new PassThrough();
    let writes = 0;
    const output = new Writable({
      write: (_chunk, _enc, done) => {
        writes++;
        done(writes > 1 ? Object.assign(new Error('EPIPE'), { code: 'EPIPE' }) : null);
      },
    });
    const running = runTerminal({ service, input, output });
    input.write('某某科技有限公司\n');
    // The chat ends without the input ending: the reader is gone.
    await running;
    expect(writes).toBe(2);
  });
});

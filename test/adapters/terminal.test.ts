/**
 * The terminal chat as a program drives it: the real `src/main.ts` in a child process, every line
 * written to a pipe (no TTY), stdout read back. Whole conversations for four profiles, bad input,
 * English and Chinese commands, a shop owner's everyday words, resuming from the local session file,
 * and a conversation resumed in a fresh process after every answer (Redis).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { RedisStore } from '../../src/adapters/store/redis-store.ts';
import { renderReply } from '../../src/adapters/terminal/terminal.ts';
import { stepOptions } from '../../src/core/answer.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { AnswerValue } from '../../src/core/conditions.ts';
import { assess, findStep, questionText } from '../../src/core/engine.ts';
import { reviewText } from '../../src/core/present.ts';
import { t } from '../../src/core/text.ts';
import { completeAnswers, gradeLine, IN_WINDOW, PROFILES, typedAnswer, typedConversation } from '../support/profiles.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOW = '2025-03-10T09:00:00+08:00';
const campaign = findCampaign('changji-2024') as Campaign;

/** The fixed part of a template before its first `{placeholder}`. */
const prefixOf = (text: string) => text.slice(0, text.indexOf('{') >= 0 ? text.indexOf('{') : undefined);
const SUMMARY_START = prefixOf(t('summary.title'));

type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number };

let scratchDir: string;
beforeAll(() => {
  // Where the terminal writes documents and session files; kept out of the working tree.
  scratchDir = mkdtempSync(join(tmpdir(), 'nsz-term-'));
});
afterAll(() => rmSync(scratchDir, { recursive: true, force: true }));

/**
 * Runs `src/main.ts` with these lines on stdin. Stdin is ended after the last line unless `keepOpen`
 * (then only the program itself, e.g. on 退出, can end the run). Sessions are kept in memory unless the
 * test names a SESSION_FILE or a REDIS_URL. Resolves when the process has exited and its streams closed.
 */
function runProgram(lines: readonly string[], options: { env?: Record<string, string>; eol?: string; keepOpen?: boolean } = {}): Promise<Run> {
  // One campaign unless a test offers several: the lines are the Changji review's answers.
  const env: NodeJS.ProcessEnv = { ...process.env, NIANSHEN_NOW: NOW, OUT_DIR: join(scratchDir, 'out'), SESSION_FILE: ':memory:', CAMPAIGNS: 'changji-2024', ...options.env };
  // A unit at a terminal: no Telegram, no webhook, no inherited store or colour settings.
  for (const name of ['TELEGRAM_BOT_TOKEN', 'WEBHOOK_URL', 'FORCE_COLOR']) delete env[name];
  if (!options.env?.REDIS_URL) delete env.REDIS_URL;
  if (!options.env?.REDIS_KEY_PREFIX) delete env.REDIS_KEY_PREFIX;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // The program may stop reading early (退出); a write into the closed pipe is not a test failure.
  child.stdin.on('error', () => {});
  const eol = options.eol ?? '\n';
  child.stdin.write(lines.map((line) => line + eol).join(''));
  if (!options.keepOpen) child.stdin.end();
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: performance.now() - started }));
  });
}

/** Splits the output into replies (the terminal leaves a blank line after each). */
const replies = (out: string): string[] => out.split('\n\n').map((b) => b.trim()).filter((b) => b !== '');

const HEADER = /^【(基本信息|审查事项 第\d+项（共12项）：.+|材料准备|2024年度监察记录和本次审查情况|填表信息)】$/;
/** The question texts prompted, in order: every reply that starts with where a question sits in the review. */
const asked = (out: string): string[] => replies(out).flatMap((b) => {
  const [first, second] = b.split('\n');
  return first && HEADER.test(first) ? [second ?? ''] : [];
});

/** The question texts a unit giving these answers is asked, in order (earlier answers filled in). */
function expectedQuestions(answers: Record<string, AnswerValue | null>): string[] {
  const given: Record<string, AnswerValue | null> = {};
  const texts: string[] = [];
  for (let p = assess(campaign, { ...given }, IN_WINDOW); p.next; p = assess(campaign, { ...given }, IN_WINDOW)) {
    texts.push(questionText(p, p.next).split('\n')[0] ?? '');
    given[p.next.id] = answers[p.next.id] ?? null;
  }
  return texts;
}

/** The last summary printed, up to the end of its reply. */
function summaryOf(out: string): string {
  const start = out.lastIndexOf(SUMMARY_START);
  if (start < 0) return '';
  const end = out.indexOf(t('summary.next'), start);
  return out.slice(start, end < 0 ? undefined : end + t('summary.next').length);
}

/**
 * What a person types, but with the option's number instead of its label for every other question that
 * offers options (yes/no: 1 = 是, 2 = 否), so both ways of answering are exercised in one conversation.
 */
function mixedConversation(answers: Record<string, AnswerValue | null>, parity: 0 | 1): { lines: string[]; numbered: number; labelled: number } {
  const given: Record<string, AnswerValue | null> = {};
  const lines: string[] = [];
  let numbered = 0;
  let labelled = 0;
  for (let step = assess(campaign, { ...given }, IN_WINDOW).next; step; step = assess(campaign, { ...given }, IN_WINDOW).next) {
    const value = answers[step.id] ?? null;
    const options = stepOptions(assess(campaign, { ...given }, IN_WINDOW), step);
    let line = typedAnswer(campaign, { ...given }, step, value);
    if (options.length > 0 && value !== null) {
      const code = typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
      const index = options.findIndex((o) => o.code === code);
      if ((numbered + labelled) % 2 === parity && index >= 0) {
        line = String(index + 1);
        numbered++;
      } else {
        labelled++;
      }
    }
    lines.push(line);
    given[step.id] = value;
  }
  return { lines, numbered, labelled };
}

/** The review list the unit should see for exactly these answers (as the terminal renders it). */
const expectedReview = (answers: Record<string, AnswerValue | null>) =>
  renderReply({ kind: 'prompt', text: reviewText(assess(campaign, answers, IN_WINDOW)), questionId: undefined, rev: 0, options: [], menu: [{ id: '继续', label: t('review.continue') }] });

function expectCleanExit(run: Run) {
  expect(run.stderr).toBe('');
  expect(run.signal).toBeNull();
  expect(run.code).toBe(0);
  // Not a TTY: plain text only, no colours or cursor movement.
  expect(run.stdout).not.toContain('\x1b');
}

describe.concurrent('a whole conversation through a pipe', () => {
  it.each(Object.entries(PROFILES).map(([name, profile], i) => [name, profile, i % 2] as const))(
    'profile %s: every question asked once, numbers and labels both understood, the summary at the end',
    async (name, profile, parity) => {
      const answers = completeAnswers(campaign, profile);
      const { lines, numbered, labelled } = mixedConversation(answers, parity as 0 | 1);
      expect(numbered).toBeGreaterThan(2);
      expect(labelled).toBeGreaterThan(2);
      // 查看 after the last answer lists every answer as it was understood.
      const run = await runProgram([...lines, '查看']);
      expectCleanExit(run);
      // One prompt per answer, in order, none lost or repeated.
      expect(asked(run.stdout)).toEqual(expectedQuestions(answers));

      const summary = summaryOf(run.stdout);
      expect(summary).toContain(gradeLine(name as keyof typeof PROFILES));
      expect(summary).toContain(t('summary.deadline', { date: '2025-04-30', days: 51 }));
      expect(run.stdout).toContain(expectedReview(answers));
      expect(run.stdout.indexOf(summary)).toBeLessThan(run.stdout.lastIndexOf(prefixOf(t('review.title'))));
    },
  );

  it('accepts Windows line endings (CRLF) from the program driving it', async () => {
    const answers = completeAnswers(campaign, PROFILES.organ);
    const run = await runProgram(typedConversation(campaign, answers), { eol: '\r\n' });
    expectCleanExit(run);
    expect(asked(run.stdout)).toEqual(expectedQuestions(answers));
    expect(summaryOf(run.stdout)).toContain(gradeLine('organ'));
    expect(run.stdout).not.toContain('\r');
  });
});

/** Replies after the first question, leaving out the greeting and the campaign's introduction. */
function afterFirstQuestion(out: string): string[] {
  const all = replies(out);
  const first = all.findIndex((b) => b.includes(t('question.headerBasic')));
  return all.slice(first + 1);
}

describe.concurrent('bad input and commands', () => {
  const text = (id: string) => (findStep(campaign, id)?.text ?? '?').split('\n')[0] as string;

  it('answers bad input with a clear message and the same question again; English commands work; quit ends the run', async () => {
    const unitTypeStep = findStep(campaign, 'unit_type');
    if (!unitTypeStep) throw new Error('no unit_type question');
    const firstType = stepOptions(assess(campaign, {}, IN_WINDOW), unitTypeStep)[0]?.label ?? '?';
    const script: [input: string, expected: string[][]][] = [
      ['', [[t('answer.empty')], [text('unit_name')]]],
      ['垃圾abc'.repeat(400), [[t('answer.inputTooLong')], [text('unit_name')]]],
      ['\u200B\u200B', [[t('answer.invisibleOnly')], [text('unit_name')]]],
      ['某某\u202E司公限有', [[t('answer.controlChars')], [text('unit_name')]]],
      ['某某有限公司', [[text('credit_code')]]],
      ['91350100M000100Y44', [[t('answer.creditCodeInvalid')], [text('credit_code')]]],
      ['91350100M000100Y43', [[text('unit_type'), `  1. ${firstType}`]]],
      ['99', [[prefixOf(t('answer.notAnOption')), `1. ${firstType}`], [text('unit_type')]]],
      ['skip', [[t('answer.notSkippable')], [text('unit_type')]]],
      ['back', [[text('credit_code'), t('question.backCurrent', { current: '91350100M000100Y43' })]]],
      ['continue', [[text('unit_type')]]],
      ['status', [[text('unit_type')]]],
      ['why', [[t('help.whyTitle'), findStep(campaign, 'unit_type')?.why ?? '?'], [text('unit_type')]]],
      ['review', [[prefixOf(t('review.title')), '→ 某某有限公司', '→ 91350100M000100Y43', t('terminal.menu', { words: t('terminal.menuOption', { label: t('review.continue'), word: '继续' }) })]]],
      ['continue', [[text('unit_type')]]],
      ['quit', [[t('terminal.byeMemory')]]],
    ];
    // Stdin stays open: "quit" alone must end the program.
    const run = await runProgram(script.map(([input]) => input), { keepOpen: true });
    expectCleanExit(run);
    const after = afterFirstQuestion(run.stdout);
    const expected = script.flatMap(([, e]) => e);
    expect(after).toHaveLength(expected.length);
    expected.forEach((parts, i) => {
      for (const part of parts) expect(after[i], `reply ${i + 1} after the first question`).toContain(part);
    });
    // The 2000 characters were refused, never echoed or stored; nor was the reversed name.
    expect(run.stdout).not.toContain('垃圾abc垃圾abc');
    expect(run.stdout).not.toContain('司公限有');
  });

  it('understands the Chinese commands, and ignores everything after 退出', async () => {
    const run = await runProgram(['某某有限公司', '返回', '继续', '进度', '跳过', '跳过', '查看', '继续', '帮助', '退出', '另一家公司', 'status']);
    expectCleanExit(run);
    const firstLines = afterFirstQuestion(run.stdout).map((b) => b.split('\n').slice(0, 2).join('\n'));
    const q = (id: string) => `${t('question.headerBasic')}\n${text(id)}`;
    expect(firstLines).toEqual([
      q('credit_code'), // 某某有限公司 → the credit code question
      q('unit_name'), // 返回 → the name again, with its answer kept
      q('credit_code'), // 继续 keeps it
      q('credit_code'), // 进度
      q('unit_type'), // 跳过: the code can be added later…
      t('answer.notSkippable'), // …but the unit type cannot be skipped…
      q('unit_type'), // …and is asked again
      `${t('review.title', { example: '改2' })}\n${t('review.line', { n: 1, question: text('unit_name'), answer: '某某有限公司' }).split('\n')[0]}`, // 查看
      q('unit_type'), // 继续
      t('help.whyTitle') + '\n' + (findStep(campaign, 'unit_type')?.why ?? ''), // 帮助 during a question explains it
      q('unit_type'),
      t('terminal.byeMemory'), // 退出: nothing after it is read
    ]);
    expect(run.stdout).not.toContain('另一家公司');
  });

  it('on the review list, a bare number is never an answer nor a pick: 改 and the number edit; 继续 continues', { timeout: 90_000 }, async () => {
    for (const word of ['继续', '继续答题']) {
      const run = await runProgram(['某某有限公司', 'review', word]);
      expectCleanExit(run);
      const last = replies(run.stdout).at(-1) ?? '';
      expect(last).toContain(text('credit_code'));
      expect(last).not.toContain(prefixOf(t('question.editing')));
    }
    const bare = await runProgram(['某某有限公司', 'review', '1']);
    expect(replies(bare.stdout).at(-2)).toBe(t('conversation.reviewPickAgain'));
    expect(replies(bare.stdout).at(-1)).toContain(prefixOf(t('review.title')));
    const edit = await runProgram(['某某有限公司', 'review', '改1']);
    expect(replies(edit.stdout).at(-1)).toContain(t('question.editing', { current: '某某有限公司' }));
  });

  it('shows the campaign introduction once, not again on every refusal of the first question', async () => {
    const run = await runProgram(['', '进度', '帮助']);
    expectCleanExit(run);
    expect(run.stdout.match(/网上申报：/g)).toHaveLength(1);
  });

  it('ends with exit code 0 when the input ends mid-conversation', async () => {
    const run = await runProgram([]);
    expectCleanExit(run);
    expect(asked(run.stdout)).toEqual([text('unit_name')]);
  });
});

describe.concurrent('a shop owner in everyday words', () => {
  it('finishes with 个体户, 四个, 没有, 无, 大概 and 不确定, and gets 不确定 back as a thing to verify', async () => {
    const answers = completeAnswers(campaign, {
      unit_name: '小河饭馆',
      unit_type: 'individual',
      area: 'fukang',
      staff: 4,
      part_time_staff: 0,
      retirees: 0,
      has_annual_accounts: false,
      uses_dispatch: false,
      wage_tier: 'tier2',
      lowest_monthly_wage: 2000,
      wages_on_time: 'unknown',
    });
    const everyday: Record<string, string> = { unit_type: '个体户', area: '阜康', staff: '四个', part_time_staff: '没有', retirees: '无', lowest_monthly_wage: '大概2000元', wages_on_time: '不知道' };
    const order = Object.keys(answers);
    const lines = typedConversation(campaign, answers).map((line, i) => everyday[order[i] as string] ?? line);
    const run = await runProgram([...lines.slice(0, 10), '为什么问', ...lines.slice(10)]);
    expectCleanExit(run);
    const out = run.stdout;
    expect(asked(out).length).toBe(lines.length + 1);
    expect(out).toContain('您的审查机关：阜康市人力资源和社会保障局，电话 0994-3234108。');
    expect(out).toContain('在这 4 名全日制职工中');
    expect(out).toContain(t('help.whyTitle'));
    for (const refusal of [t('answer.notANumber'), t('answer.notYesNo'), prefixOf(t('answer.notAnOption'))]) expect(out).not.toContain(refusal);
    const summary = summaryOf(out);
    expect(summary).toContain(t('summary.verifyUnknown', { question: '2024年是否每月在约定的日期把工资足额发给职工？' }));
    expect(summary).toContain(t('summary.verdict.pending', { text: campaign.review!.verdicts.pending.text }));
    expect(summary).toContain(campaign.rating?.reference?.text ?? '∅');
  });
});

describe.concurrent('saving, said truthfully', () => {
  it('says plainly that answers are not kept when sessions are in memory', async () => {
    const run = await runProgram(['退出']);
    expectCleanExit(run);
    expect(run.stdout).toContain(t('conversation.welcomeNotKept'));
    expect(run.stdout).toContain(t('terminal.byeMemory'));
  });

  it('keeps the answers in a local file by default: quit, start again, and carry on where it stopped', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(scratchDir, 'file-'));
    const file = join(dir, 'sessions.json');
    const env = { SESSION_FILE: file };
    const first = await runProgram(['某某有限公司', '91350100M000100Y43', '退出'], { env });
    expectCleanExit(first);
    expect(first.stdout).toContain(t('terminal.fileNote', { path: file }));
    expect(first.stdout).toContain(t('conversation.welcome'));
    expect(first.stdout).toContain(t('terminal.bye'));
    expect(JSON.parse(readFileSync(file, 'utf8')).sessions).toHaveLength(1);
    // No temporary file is left behind by the atomic writes.
    expect(readdirSync(dir)).toEqual(['sessions.json']);
    const second = await runProgram(['企业'], { env });
    expectCleanExit(second);
    expect(second.stdout).toContain(t('conversation.welcomeBack'));
    expect(asked(second.stdout).slice(0, 2)).toEqual([findStep(campaign, 'unit_type')?.text, findStep(campaign, 'area')?.text]);
  });

  it('says in plain words when the session file is damaged, without a stack', async () => {
    const dir = mkdtempSync(join(scratchDir, 'damaged-'));
    const file = join(dir, 'sessions.json');
    writeFileSync(file, '{"version":1,"sess');
    const run = await runProgram(['你好'], { env: { SESSION_FILE: file } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(t('terminal.sessionFileUnreadable', { path: file }));
  });

  it('says in plain words when the session file cannot be opened (a folder in its place), without a stack', async () => {
    const file = mkdtempSync(join(scratchDir, 'folder-'));
    const run = await runProgram(['你好'], { env: { SESSION_FILE: file } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(t('terminal.sessionFileInaccessible', { path: file, code: 'EISDIR' }));
  });

  it('删除我的数据 deletes the answers and the PDFs written for the unit', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(scratchDir, 'forget-'));
    const env = { SESSION_FILE: join(dir, 'sessions.json'), OUT_DIR: join(dir, 'out') };
    const answers = completeAnswers(campaign, PROFILES.organ);
    const done = await runProgram([...typedConversation(campaign, answers), '下载'], { env });
    expectCleanExit(done);
    const pdfs = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(4);
    const forget = await runProgram(['删除我的数据', '是'], { env });
    expectCleanExit(forget);
    expect(forget.stdout).toContain(t('conversation.forgotten'));
    expect(forget.stdout).toContain(t('terminal.pdfsDeleted', { n: pdfs.length }));
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.pdf'))).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'sessions.json'), 'utf8')).sessions).toEqual([]);
    expect(existsSync(join(dir, 'sessions.json'))).toBe(true);
  });
});

describe.concurrent('restart between every step (Redis)', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('a fresh process per answer ends exactly where one uninterrupted run does', { timeout: 240_000 }, async () => {
    // The organ's checklist is the shortest: the point is the restarts, not the questions.
    const answers = completeAnswers(campaign, PROFILES.organ);
    const lines = typedConversation(campaign, answers);
    const questions = expectedQuestions(answers);
    const env = (prefix: string) => ({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix });

    const whole = runProgram(lines, { env: env('whole:') });
    const steps: Run[] = [];
    for (const [i, line] of lines.entries()) {
      const run = await runProgram([line], { env: env('steps:') });
      expectCleanExit(run);
      // Each process greets (first) or welcomes back, shows where the unit stands, takes one answer.
      expect(run.stdout).toContain(i === 0 ? t('conversation.welcome') : t('conversation.welcomeBack'));
      expect(asked(run.stdout), `process ${i + 1} (${line})`).toEqual(i === lines.length - 1 ? [questions[i]] : [questions[i], questions[i + 1]]);
      steps.push(run);
    }
    const uninterrupted = await whole;
    expectCleanExit(uninterrupted);

    const last = steps.at(-1) as Run;
    const summary = summaryOf(last.stdout);
    expect(summary).toContain(gradeLine('organ'));
    expect(summary).toBe(summaryOf(uninterrupted.stdout));

    const stored = async (prefix: string) => {
      const store = new RedisStore({ url: redis.url, prefix, retentionSeconds: 3600 });
      await store.connect();
      try {
        const session = await store.load('term:local');
        return session ? (JSON.parse(session.data) as { state: string; rev: number; context: unknown & { answers: unknown } }) : undefined;
      } finally {
        await store.close();
      }
    };
    const [a, b] = await Promise.all([stored('steps:'), stored('whole:')]);
    expect(a?.state).toBe('finished');
    expect(a?.context.answers).toEqual(answers);
    expect(a?.context).toEqual(b?.context);
    expect(a?.rev).toBe(b?.rev);

    const ms = steps.map((s) => s.ms).sort((x, y) => x - y);
    console.info(`terminal restart test: ${steps.length} processes, median ${ms[Math.floor(ms.length / 2)]?.toFixed(0)} ms, max ${ms.at(-1)?.toFixed(0)} ms each`);
  });
});

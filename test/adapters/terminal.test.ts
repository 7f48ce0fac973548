/**
 * The terminal chat as a program drives it: the real `src/main.ts` in a child process, every line
 * written to a pipe (no TTY), stdout read back. Whole conversations for four profiles, bad input,
 * English and Chinese commands, and a conversation resumed in a fresh process after every answer.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCampaign } from '../../flows/index.ts';
import { RedisStore } from '../../src/adapters/redis-store.ts';
import { renderReply } from '../../src/adapters/terminal.ts';
import { stepOptions } from '../../src/core/answer.ts';
import type { Campaign } from '../../src/core/campaign.ts';
import type { AnswerValue } from '../../src/core/conditions.ts';
import { emptyContext } from '../../src/core/conversation.ts';
import { findStep, nextQuestion, progress } from '../../src/core/engine.ts';
import { reviewText } from '../../src/core/present.ts';
import { t } from '../../src/core/text.ts';
import { completeAnswers, gradeLine, PROFILES, typedAnswer, typedConversation } from '../support/profiles.ts';
import { startRedis, type TestRedis } from '../support/redis-server.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOW = '2025-03-10T09:00:00+08:00';
const campaign = findCampaign('changji-2024') as Campaign;

/** The fixed part of a template before its first `{placeholder}`. */
const prefixOf = (text: string) => text.slice(0, text.indexOf('{') >= 0 ? text.indexOf('{') : undefined);
const SUMMARY_START = prefixOf(t('summary.title'));
/** "进度：已答 " — how every question prompt's progress line starts. */
const PROGRESS = prefixOf(t('question.progress'));
/** "进度：已答 3 / ": the progress line of a prompt after that many answers. */
const progressAt = (answered: number) => prefixOf(t('question.progress', { answered }));

type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number };

let outDir: string;
beforeAll(() => {
  // Where the terminal would write documents; kept out of the working tree.
  outDir = mkdtempSync(join(tmpdir(), 'nsz-term-'));
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/**
 * Runs `src/main.ts` with these lines on stdin. Stdin is ended after the last line unless `keepOpen`
 * (then only the program itself, e.g. on 退出, can end the run). Resolves when the process has exited
 * and its output streams have closed.
 */
function runProgram(lines: readonly string[], options: { env?: Record<string, string>; eol?: string; keepOpen?: boolean } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NIANSHEN_NOW: NOW, OUT_DIR: outDir, ...options.env };
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

/** The progress lines ("进度：已答 n / m 题") in the order they were printed. */
const progressLines = (out: string) => out.split('\n').filter((l) => l.startsWith(PROGRESS));
/** The last summary printed, up to the end of its reply. */
function summaryOf(out: string): string {
  const start = out.lastIndexOf(SUMMARY_START);
  if (start < 0) return '';
  const end = out.indexOf(t('summary.next'), start);
  return out.slice(start, end < 0 ? undefined : end + t('summary.next').length);
}

/** A question's prompt as the unit sees it: its text and where it stands. */
function questionMark(id: string, answered: number) {
  const step = findStep(campaign, id);
  if (!step) throw new Error(`no question ${id}`);
  return { text: step.text.split('\n')[0] ?? step.text, progress: progressAt(answered) };
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
  for (let step = nextQuestion(campaign, given); step; step = nextQuestion(campaign, given)) {
    const value = answers[step.id] ?? null;
    const options = stepOptions(campaign, given, step);
    let line = typedAnswer(campaign, given, step, value);
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
  renderReply({ kind: 'prompt', text: reviewText(campaign, { ...emptyContext(campaign.id), answers }), questionId: undefined, rev: 0, options: [{ id: '继续', label: t('review.continue') }] });

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

      const progress = progressLines(run.stdout);
      expect(progress.length).toBeGreaterThanOrEqual(lines.length);
      // One prompt per answer, in order, none lost or repeated: 已答 0, 1, 2 … n-1.
      expect(progress.map((l) => Number(/已答 (\d+)/.exec(l)?.[1]))).toEqual(lines.map((_, i) => i));

      const summary = summaryOf(run.stdout);
      expect(summary).toContain(gradeLine(name as keyof typeof PROFILES));
      expect(summary).toContain(t('summary.deadline', { date: '2025-04-30', days: 51 }));
      expect(run.stdout).toContain(expectedReview(answers));
      expect(run.stdout.indexOf(summary)).toBeLessThan(run.stdout.lastIndexOf(t('review.title')));
    },
  );

  it('accepts Windows line endings (CRLF) from the program driving it', async () => {
    const lines = typedConversation(campaign, completeAnswers(campaign, PROFILES.organ));
    const run = await runProgram(lines, { eol: '\r\n' });
    expectCleanExit(run);
    expect(progressLines(run.stdout)).toHaveLength(lines.length);
    expect(summaryOf(run.stdout)).toContain(gradeLine('organ'));
    expect(run.stdout).not.toContain('\r');
  });
});

/**
 * Splits the output into replies (the terminal leaves a blank line after each), leaving out the
 * greeting lines (the memory note and the campaign's introduction), which other tests check.
 */
function blocks(out: string): string[] {
  const intro = [`【${campaign.title}】`, t('summary.honesty', { text: campaign.honesty.text }), t('terminal.memoryNote')];
  return out
    .split('\n\n')
    .map((b) => b.trim())
    .filter((b) => b !== '' && !intro.some((i) => b.startsWith(i)));
}

describe.concurrent('bad input and commands', () => {
  it('answers bad input with a clear message and the same question again; English commands work; quit ends the run', async () => {
    const unitName = questionMark('unit_name', 0);
    const creditCode = questionMark('credit_code', 1);
    const unitType = questionMark('unit_type', 2);
    const unitTypeStep = findStep(campaign, 'unit_type');
    if (!unitTypeStep) throw new Error('no unit_type question');
    const firstType = stepOptions(campaign, {}, unitTypeStep)[0]?.label ?? '?';
    const script: [input: string, expected: string[][]][] = [
      ['', [[t('answer.empty')], [unitName.text, unitName.progress]]],
      ['垃圾abc'.repeat(400), [[t('answer.inputTooLong')], [unitName.text, unitName.progress]]],
      ['某某有限公司', [[creditCode.text, creditCode.progress]]],
      ['91350100M000100Y44', [[t('answer.creditCodeCheck', { expected: '3' })], [creditCode.text, creditCode.progress]]],
      ['91350100M000100Y43', [[unitType.text, unitType.progress, `  1. ${firstType}`]]],
      ['99', [[prefixOf(t('answer.notAnOption')), `1. ${firstType}`], [unitType.text, unitType.progress]]],
      ['skip', [[t('answer.notSkippable')], [unitType.text, unitType.progress]]],
      ['back', [[creditCode.text, creditCode.progress]]],
      ['91350100M000100Y43', [[unitType.text, unitType.progress]]],
      ['status', [[unitType.text, unitType.progress]]],
      ['help', [[t('conversation.help')], [unitType.text, unitType.progress]]],
      ['review', [[t('review.title'), '→ 某某有限公司', '→ 91350100M000100Y43', `  ${t('terminal.menuOption', { label: t('review.continue'), word: '继续' })}`]]],
      ['continue', [[unitType.text, unitType.progress]]],
      ['quit', [[t('terminal.byeMemory')]]],
    ];
    // Stdin stays open: "quit" alone must end the program.
    const run = await runProgram(script.map(([input]) => input), { keepOpen: true });
    expectCleanExit(run);

    const replies = blocks(run.stdout);
    const first = replies.findIndex((b) => b.includes(unitName.text));
    expect(first).toBeGreaterThan(0);
    const expected = script.flatMap(([, e]) => e);
    const after = replies.slice(first + 1);
    expect(after).toHaveLength(expected.length);
    expected.forEach((parts, i) => {
      for (const part of parts) expect(after[i], `reply ${i + 1} after the first question`).toContain(part);
    });
    // The 2000 characters were refused, never echoed or stored.
    expect(run.stdout).not.toContain('垃圾abc垃圾abc');
  });

  it('understands the Chinese commands, and ignores everything after 退出', async () => {
    const run = await runProgram(['某某有限公司', '返回', '某某有限公司', '进度', '跳过', '查看', '继续', '帮助', '退出', '另一家公司', 'status']);
    expectCleanExit(run);
    // Each reply by its first line, a question by where it stands.
    const at = progressAt;
    const replies = blocks(run.stdout).map((b) => b.split('\n').find((l) => l.startsWith(PROGRESS))?.replace(/\d+ 题$/, '') ?? b.split('\n')[0]);
    const first = replies.indexOf(at(0));
    expect(replies.slice(first + 1)).toEqual([
      at(1), // 某某有限公司 → the credit code question
      at(0), // 返回 → the name again
      at(1), // 某某有限公司
      at(1), // 进度
      t('answer.notSkippable'), // 跳过: this question cannot be skipped…
      at(1), // …and is asked again
      t('review.title'), // 查看
      at(1), // 继续
      t('conversation.help').split('\n')[0], // 帮助
      at(1),
      t('terminal.byeMemory'), // 退出: nothing after it is read
    ]);
    expect(run.stdout).not.toContain('另一家公司');
  });

  // The review's 继续 is not numbered (its number would clash with answer 1): it shows the word to type.
  it('on the review list, offers 继续 by word, and both 继续 and 继续答题 continue while 1 edits answer 1', async () => {
    for (const word of ['继续', '继续答题']) {
      const run = await runProgram(['某某有限公司', 'review', word]);
      expectCleanExit(run);
      expect(blocks(run.stdout).at(-2)).toContain(`  ${t('terminal.menuOption', { label: t('review.continue'), word: '继续' })}`);
      const last = blocks(run.stdout).at(-1) ?? '';
      expect(last).toContain(questionMark('credit_code', 1).text);
      expect(last).not.toContain(prefixOf(t('question.editing')));
    }
    const edit = await runProgram(['某某有限公司', 'review', '1']);
    expect(blocks(edit.stdout).at(-1)).toContain(prefixOf(t('question.editing')));
  });

  it('shows the campaign introduction once, not again on every refusal of the first question', async () => {
    const run = await runProgram(['', '进度', '帮助']);
    expectCleanExit(run);
    expect(run.stdout.match(/网上申报：/g)).toHaveLength(1);
  });

  it('says plainly that answers are not kept without Redis', async () => {
    const run = await runProgram(['退出']);
    expectCleanExit(run);
    expect(run.stdout).toContain(t('terminal.memoryNote'));
    expect(run.stdout).toContain(t('terminal.byeMemory'));
  });

  it('ends with exit code 0 when the input ends mid-conversation', async () => {
    const run = await runProgram([]);
    expectCleanExit(run);
    expect(progressLines(run.stdout)).toEqual([t('question.progress', progress(campaign, {}))]);
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

  it('a fresh process per answer ends exactly where one uninterrupted run does', { timeout: 180_000 }, async () => {
    const answers = completeAnswers(campaign, PROFILES.enterpriseB);
    const lines = typedConversation(campaign, answers);
    const env = (prefix: string) => ({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix });

    const whole = runProgram(lines, { env: env('whole:') });
    const steps: Run[] = [];
    for (const [i, line] of lines.entries()) {
      const run = await runProgram([line], { env: env('steps:') });
      expectCleanExit(run);
      // Each process greets (first) or welcomes back, shows where the unit stands, takes one answer.
      expect(run.stdout).toContain(i === 0 ? t('conversation.welcome') : t('conversation.welcomeBack'));
      const shown = progressLines(run.stdout).map((l) => Number(/已答 (\d+)/.exec(l)?.[1]));
      expect(shown, `process ${i + 1} (${line})`).toEqual(i === lines.length - 1 ? [i] : [i, i + 1]);
      steps.push(run);
    }
    const uninterrupted = await whole;
    expectCleanExit(uninterrupted);

    const last = steps.at(-1) as Run;
    const summary = summaryOf(last.stdout);
    expect(summary).toContain(t('summary.grade', { grade: 'B' }));
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
    expect(a?.context.answers).toEqual(b?.context.answers);
    expect(a?.context).toEqual(b?.context);
    expect(a?.rev).toBe(b?.rev);

    const ms = steps.map((s) => s.ms).sort((x, y) => x - y);
    console.info(`terminal restart test: ${steps.length} processes, median ${ms[Math.floor(ms.length / 2)]?.toFixed(0)} ms, max ${ms.at(-1)?.toFixed(0)} ms each`);
  });
});

/**
 * The web chat on a weak phone: the first page's weight (bytes over the wire, page and script) and the time
 * from opening the link to the first question on screen, over a connection throttled like DevTools' "Slow 3G"
 * (2 s round trip, 50 KB/s each way: CDP Network.emulateNetworkConditions), in Debian's Chromium at 360 px.
 * Also unthrottled, and one answer's round trip (post, redirect, next question). Figures printed, not asserted.
 */
import { pathToFileURL } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser, PHONE } from '../test/support/browser.ts';
import { startMain } from '../test/support/main-process.ts';
import { freePort } from '../test/support/redis-server.ts';

const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };
const RUNS = 3;

/** Bytes on the wire for everything the page loads, from CDP's loadingFinished events. */
function wireBytes(cdp: CDPSession): () => number {
  let total = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (total += e.encodedDataLength));
  return () => total;
}

async function firstQuestion(page: Page, base: string): Promise<number> {
  const start = performance.now();
  await page.goto(base, { waitUntil: 'domcontentloaded' });
  await Promise.all([page.waitForURL(/\/chat\?t=/, { waitUntil: 'domcontentloaded' }), page.getByRole('button', { name: '开始自查' }).click()]);
  await page.locator('section.q').first().waitFor();
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function benchWeb(): Promise<Record<string, number | string>> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  const main = startMain({ WEB: 'true', SESSION_FILE: ':memory:', HOST: '127.0.0.1', PORT: String(port), COOKIE_SECRET: 'bench-cookie-secret-long-enough-0123456789abc', CAMPAIGNS: 'changji-2024', NIANSHEN_NOW: '2025-03-10T09:00:00+08:00', LOG_LEVEL: 'info' });
  const browser = await launchBrowser();
  try {
    await main.waitForLog((e) => e.msg === 'web chat listening', 20_000);
    const measure = async (throttle: boolean) => {
      const times: number[] = [];
      let firstPageBytes = 0;
      let answerMs = 0;
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext(PHONE);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        if (throttle) await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
        const bytes = wireBytes(cdp);
        await page.goto(base, { waitUntil: 'load' });
        firstPageBytes = bytes();
        await context.clearCookies();
        times.push(await firstQuestion(page, base));
        const start = performance.now();
        const question = page.locator('section.q').last();
        await question.getByLabel('您的回答').fill('某某科技有限公司');
        await Promise.all([page.waitForURL(/\/chat\?t=/, { waitUntil: 'domcontentloaded' }), question.getByRole('button', { name: '提交' }).last().click()]);
        answerMs = performance.now() - start;
        await context.close();
      }
      return { firstPageBytes, firstQuestionMs: median(times), answerMs };
    };
    const fast = await measure(false);
    const slow = await measure(true);
    return {
      first_page_bytes: slow.firstPageBytes,
      first_question_slow3g_ms: Math.round(slow.firstQuestionMs),
      answer_round_trip_slow3g_ms: Math.round(slow.answerMs),
      first_question_unthrottled_ms: Math.round(fast.firstQuestionMs),
      answer_round_trip_unthrottled_ms: Math.round(fast.answerMs),
      network: 'Slow 3G: 2000 ms RTT, 400 kbit/s each way',
    };
  } finally {
    await browser.close();
    await main.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchWeb())) console.log(`${k.padEnd(34)} ${v}`);
}

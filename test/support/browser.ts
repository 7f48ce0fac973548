/**
 * A real Chromium for the web tests: Debian's `chromium` package driven by playwright-core (never a browser
 * downloaded at run time), with the flags this closed network needs and a fresh profile per launch.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One browser per test file; contexts (one per person or device) are cheap. Playwright's own temp profile is fresh. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

export const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true } as const;
export const DESK = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 } as const;
/** WeChat's built-in browser on Android, as its user agent names it. */
export const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2145A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

/** Where the tests leave their screenshots (to look at after a run). */
export const SHOTS = join(process.cwd(), 'scratch', 'screens');

/**
 * Takes a full-page screenshot, keeps it under scratch/screens, and returns the share of pixels that are
 * not the page background, measured by the browser itself on a canvas: near 0 for a blank page.
 */
export async function screenshotInk(context: BrowserContext, page: Page, name: string): Promise<number> {
  const png = await page.screenshot({ fullPage: true });
  await mkdir(SHOTS, { recursive: true });
  await writeFile(join(SHOTS, `${name}.png`), png);
  const probe = await context.newPage();
  try {
    await probe.setContent('<canvas id="c"></canvas>');
    return await probe.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.getElementById('c') as HTMLCanvasElement;
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(image, 0, 0);
      const pixels = ctx.getImageData(0, 0, image.width, image.height).data;
      const [r0, g0, b0] = [pixels[0], pixels[1], pixels[2]];
      let ink = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (Math.abs((pixels[i] ?? 0) - (r0 ?? 0)) + Math.abs((pixels[i + 1] ?? 0) - (g0 ?? 0)) + Math.abs((pixels[i + 2] ?? 0) - (b0 ?? 0)) > 60) ink++;
      }
      return ink / (pixels.length / 4);
    }, png.toString('base64'));
  } finally {
    await probe.close();
  }
}

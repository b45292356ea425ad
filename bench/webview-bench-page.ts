/**
 * A built webview in headless Chromium, outside VS Code: the page the HTML helper would make (the
 * same body markup, scripts only with a nonce), served from a local origin with dist/webviews as
 * its assets, and `acquireVsCodeApi` stubbed. It times a host message from posting to the next
 * frame after the webview reports `data-render-ms`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..');
const ASSETS = path.join(ROOT, 'dist', 'webviews');
const ORIGIN = 'http://webview.localhost';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WebviewPageSpec {
  readonly script: string;
  readonly styles: readonly string[];
  readonly body: string;
  /** As WebviewPage.blobWorkers: the CSP allows `worker-src blob:`. */
  readonly blobWorkers?: boolean;
}

/** What a sample reports: the webview's own figure and the time from posting to the next frame. */
export interface PaintSample {
  readonly renderMs: number;
  readonly postToFrameMs: number;
}

/** A lineage sample: first paint, the refined layout, and the page's main-thread CPU time. */
export interface RefinedPaintSample extends PaintSample {
  /** Posting to the webview's `data-layout-ms` (ELK's layout drawn) and the next frame. */
  readonly postToRefinedMs: number;
  /** Main-thread task time (CDP Performance.TaskDuration) from posting to the refined frame. */
  readonly mainThreadCpuMs: number;
}

function pageHtml(spec: WebviewPageSpec): string {
  const nonce = 'bench';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${ORIGIN} data:; style-src ${ORIGIN}; font-src ${ORIGIN}; script-src 'nonce-${nonce}'${spec.blobWorkers ? '; worker-src blob:' : ''}">
${spec.styles.map((s) => `<link rel="stylesheet" href="${ORIGIN}/${s}">`).join('\n')}
</head><body>${spec.body}
<script nonce="${nonce}">window.__sent = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__sent.push(m), getState: () => undefined, setState: () => {} });</script>
<script nonce="${nonce}" src="${ORIGIN}/${spec.script}"></script></body></html>`;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Opens the webview and waits for its `initialized` message. */
export async function openWebview(browser: Browser, spec: WebviewPageSpec): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.route(`${ORIGIN}/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === '') {
      await route.fulfill({ contentType: 'text/html', body: pageHtml(spec) });
      return;
    }
    const type = name.endsWith('.css') ? 'text/css' : 'text/javascript';
    await route.fulfill({ contentType: type, body: readFileSync(path.join(ASSETS, path.basename(name))) });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction("window.__sent.some((m) => m.type === 'initialized')");
  if (errors.length > 0) throw new Error(`the webview failed: ${errors.join('; ')}`);
  return page;
}

/**
 * Runs inside the page (page source text, so the Node-side type check has no DOM to know about):
 * posts the message, waits for `data-render-ms` and the next frame.
 */
const POST_AND_WAIT_FOR_PAINT = `async (message) => {
  delete document.body.dataset.renderMs;
  const rendered = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.body.dataset.renderMs === undefined) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['data-render-ms'] });
  });
  const started = performance.now();
  window.postMessage(message, '*');
  await rendered;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { renderMs: Number(document.body.dataset.renderMs), postToFrameMs: performance.now() - started };
}`;

/**
 * Posts the message that `build(argument)` makes inside the page (so large data is not shipped
 * through the driver) and times it. Both functions travel as source text: the page's CSP allows
 * no eval, and the driver's own evaluation is not bound by it.
 */
export async function timePaint<A>(
  page: Page,
  build: (argument: A) => unknown,
  argument: A,
): Promise<PaintSample> {
  const expression = `(${POST_AND_WAIT_FOR_PAINT})((${build.toString()})(${JSON.stringify(argument)}))`;
  return page.evaluate<PaintSample>(expression);
}

const WAIT_FOR_REFINED = `async () => {
  if (document.body.dataset.layoutMs === undefined)
    await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.body.dataset.layoutMs === undefined) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(document.body, { attributes: true, attributeFilter: ['data-layout-ms'] });
    });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now();
}`;

/**
 * As timePaint, and then waits for the refined layout (`data-layout-ms`), measuring the main
 * thread's task time over the whole of it with the DevTools protocol.
 */
export async function timeRefinedPaint<A>(
  page: Page,
  build: (argument: A) => unknown,
  argument: A,
): Promise<RefinedPaintSample> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async (): Promise<number> =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  await page.evaluate('delete document.body.dataset.layoutMs');
  const before = await taskSeconds();
  const startedAt = await page.evaluate<number>('performance.now()');
  const paint = await timePaint(page, build, argument);
  const refinedAt = await page.evaluate<number>(`(${WAIT_FOR_REFINED})()`);
  const after = await taskSeconds();
  await cdp.detach();
  return { ...paint, postToRefinedMs: refinedAt - startedAt, mainThreadCpuMs: (after - before) * 1000 };
}

export function medianOf<S extends PaintSample>(samples: readonly S[], key: keyof S): number {
  const sorted = samples.map((s) => Number(s[key])).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

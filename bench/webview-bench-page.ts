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
}

/** What a sample reports: the webview's own figure and the time from posting to the next frame. */
export interface PaintSample {
  readonly renderMs: number;
  readonly postToFrameMs: number;
}

function pageHtml(spec: WebviewPageSpec): string {
  const nonce = 'bench';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${ORIGIN} data:; style-src ${ORIGIN}; font-src ${ORIGIN}; script-src 'nonce-${nonce}'">
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

export function medianOf(samples: readonly PaintSample[], key: keyof PaintSample): number {
  const sorted = samples.map((s) => s[key]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

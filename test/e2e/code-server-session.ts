/**
 * Real VS Code for end-to-end tests: the extension packaged as a .vsix with vsce, installed into
 * code-server, a copy of the example project opened in headless Chromium driven by
 * playwright-core. Nothing is mocked. Screenshots go to test-results/.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { readDiscovery } from '../../daemon/process/daemon-files.ts';
import type { Browser, Page } from 'playwright-core';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const TOOLS = path.join(ROOT, '.cache', 'code-server');
const CODE_SERVER = path.join(TOOLS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS = path.join(ROOT, 'test-results');

/** Why the end-to-end tests cannot run here, or undefined when they can. */
export function missingTools(): string | undefined {
  if (!existsSync(CODE_SERVER))
    return 'code-server is not installed (run `node scripts/install-code-server.mjs`)';
  if (!existsSync(CHROMIUM)) return `Chromium is not installed at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(path.join(ROOT, 'dist', 'extension.cjs')))
    return 'the extension is not built (run `npm run build`)';
  return undefined;
}

/** Headless Chromium on a code-server `url`, with the workbench of `folder` loaded. */
export async function openWorkbench(url: string, folder: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 120_000 });
  return { browser, page };
}

/** Saves a screenshot of `page` as test-results/NAME.png. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Runs a command from the command palette by its title. */
export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
}

export class CodeServerSession {
  readonly workspace: string;
  readonly page: Page;
  private readonly home: string;
  private readonly server: ChildProcess;
  private readonly browser: Browser;

  private constructor(home: string, workspace: string, server: ChildProcess, browser: Browser, page: Page) {
    this.home = home;
    this.workspace = workspace;
    this.server = server;
    this.browser = browser;
    this.page = page;
  }

  /** Packages and installs the extension, copies `project` to a temp workspace and opens it. */
  static async start(
    project: string,
    settings: Record<string, unknown> = {},
    env: Record<string, string> = {},
  ): Promise<CodeServerSession> {
    const home = mkdtempSync(path.join(tmpdir(), 'mlops-lens-e2e-'));
    const vsix = path.join(home, 'mlops-lens.vsix');
    const vsce = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '-o', vsix],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    if (vsce.status !== 0) throw new Error(`vsce package failed:\n${vsce.stdout}\n${vsce.stderr}`);
    const dirs = [
      '--extensions-dir',
      path.join(home, 'extensions'),
      '--user-data-dir',
      path.join(home, 'user'),
    ];
    const install = spawnSync(process.execPath, [CODE_SERVER, ...dirs, '--install-extension', vsix], {
      encoding: 'utf8',
    });
    if (install.status !== 0)
      throw new Error(`installing the .vsix failed:\n${install.stdout}\n${install.stderr}`);
    mkdirSync(path.join(home, 'user', 'User'), { recursive: true });
    writeFileSync(
      path.join(home, 'user', 'User', 'settings.json'),
      JSON.stringify(
        {
          'workbench.startupEditor': 'none',
          'chat.disableAIFeatures': true,
          'workbench.tips.enabled': false,
          ...settings,
        },
        null,
        2,
      ),
    );
    const workspace = path.join(home, 'workspace');
    cpSync(project, workspace, {
      recursive: true,
      filter: (source) => !/(__pycache__|artifacts|mlruns)$/.test(source),
    });
    const server = spawn(
      process.execPath,
      [
        CODE_SERVER,
        '--auth',
        'none',
        '--bind-addr',
        '127.0.0.1:0',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        ...dirs,
        workspace,
      ],
      { env: { ...process.env, HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      };
      server.stdout?.on('data', onData);
      server.stderr?.on('data', onData);
      server.once('exit', (code) => reject(new Error(`code-server exited (${code}):\n${output}`)));
    });
    const { browser, page } = await openWorkbench(url, workspace);
    return new CodeServerSession(home, workspace, server, browser, page);
  }

  async screenshot(name: string): Promise<string> {
    return saveScreenshot(this.page, name);
  }

  /** Runs a command from the command palette by its title. */
  async runCommand(title: string): Promise<void> {
    await runPaletteCommand(this.page, title);
  }

  /**
   * The Problems panel's rows, as text, once at least `atLeast` are listed and every problem row
   * matches `filter` (typed into the panel's filter box, re-typed if the panel was not ready).
   */
  async problems(atLeast: number, filter = ''): Promise<string[]> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (!(await this.page.locator('.markers-panel').isVisible()))
        await this.runCommand('View: Focus Problems');
      const input = this.page.getByPlaceholder(/^Filter/).first();
      if ((await input.inputValue()) !== filter) await input.fill(filter);
      const rows = await this.page.locator('.markers-panel .monaco-list-row').allTextContents();
      const problems = rows.filter((row) => row.includes('mlops-lens'));
      if (rows.length >= atLeast && problems.every((row) => row.toLowerCase().includes(filter.toLowerCase())))
        return rows;
      if (Date.now() > deadline)
        throw new Error(`Problems never listed ${atLeast} rows for "${filter}": ${rows.join(' | ')}`);
      await this.page.waitForTimeout(250);
    }
  }

  /** The data directory of a daemon the extension starts by itself in this session. */
  get defaultDataDir(): string {
    return path.join(this.home, '.local', 'share', 'mlops-lens');
  }

  async stop(): Promise<void> {
    await this.browser.close();
    const exited = new Promise((resolve) => this.server.once('exit', resolve));
    this.server.kill('SIGTERM');
    await exited;
    // A daemon the extension started outlives the editor by design; the test stops it.
    const discovery = readDiscovery(this.defaultDataDir);
    if (discovery) {
      try {
        process.kill(discovery.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      for (let i = 0; i < 50 && readDiscovery(this.defaultDataDir); i++)
        await new Promise((r) => setTimeout(r, 100));
    }
    rmSync(this.home, { recursive: true, force: true });
  }
}

// Browser tests' world: the emulator, `cwc serve` in-process with the freshly built console, and Debian's Chromium.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { startService, type RunningService, type ServeOptions } from '../../../src/api/serve.js';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../../../src/emulator/emulator.js';

export const ADMIN_PASSWORD = 'browser test admin password';
export const CHROMIUM = process.env.CWC_CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots for the README are written only when asked (`CWC_SCREENSHOTS=1 npx vitest run test/browser`). */
const SCREENSHOT_DIRECTORY = join(import.meta.dirname, '../../../docs/screenshots');

export interface ConsoleWorld {
  emulator: RunningEmulator;
  service: RunningService;
  browser: Browser;
  /** A new browser context (its own cookies) at the given viewport. */
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export interface WorldOptions {
  emulator?: StartEmulatorOptions;
  service?: Partial<ServeOptions>;
}

export async function startWorld(options: WorldOptions = {}): Promise<ConsoleWorld> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'cwc-browser-'));
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', quotas: 'off', ...options.emulator });
  let service: RunningService | undefined;
  let browser: Browser | undefined;
  try {
    service = await startService({
      dataDirectory,
      port: 0,
      env: { CWC_ADMIN_PASSWORD: ADMIN_PASSWORD, CWC_MASTER_KEY: Buffer.alloc(32, 9).toString('base64') },
      ...options.service,
      api: { logStream: false, consoleDirectory: inject('consoleDirectory'), ...options.service?.api },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  } catch (error) {
    await service?.close();
    await emulator.stop();
    rmSync(dataDirectory, { recursive: true, force: true });
    throw error;
  }
  const started = { service, browser };
  const contexts: BrowserContext[] = [];
  return {
    emulator,
    service: started.service,
    browser: started.browser,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await started.browser.newContext({ viewport, baseURL: started.service.url });
      contexts.push(context);
      const page = await context.newPage();
      return { context, page };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await started.browser.close();
      await started.service.close();
      await emulator.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

/** Opens the console and signs in through the login form, as a person would. */
export async function signIn(page: Page, username = 'admin', password = ADMIN_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Saves `docs/screenshots/NAME.png` when CWC_SCREENSHOTS=1; otherwise does nothing (tests never rewrite the docs). */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.CWC_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
  writeFileSync(join(SCREENSHOT_DIRECTORY, `${name}.png`), await page.screenshot({ fullPage: true }));
}

/** What a control's aria-describedby points at (its hint and inline errors): what a screen reader reads with it. */
export async function descriptionOf(control: Locator): Promise<string> {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id !== '');
  const texts = await Promise.all(ids.map((id) => control.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

/** Collects uncaught page errors and dialogs (alert/confirm from injected script would show up here). */
export function watchForScriptInjection(page: Page): { errors: string[]; dialogs: string[] } {
  const seen = { errors: [] as string[], dialogs: [] as string[] };
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return seen;
}

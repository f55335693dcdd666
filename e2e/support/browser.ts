import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); ZCT_CHROMIUM_PATH points elsewhere. Never downloaded. */
export const CHROMIUM_PATH = process.env.ZCT_CHROMIUM_PATH || '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);
export const SKIP_REASON = `skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium fonts-wqy-zenhei, or set ZCT_CHROMIUM_PATH; CI installs it)`;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true });
}

export const PC = { width: 1366, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** A fresh context (storage, cookies) per test, which @axe-core/playwright needs, in Chinese and Beijing time. */
export function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: PC,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: 'reduce',
    ...options,
  });
}

export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return newContext(browser, { viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
}

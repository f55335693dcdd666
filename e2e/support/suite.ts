import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, SKIP_REASON } from './browser.ts';
import { startPortal, type Portal } from './server.ts';

export interface BrowserSuite {
  portal: () => Portal;
  browser: () => Browser;
}

/**
 * A browser test suite: the real server and one Chromium for the file. Without Chromium the suite is reported
 * as skipped, with the reason in its title, as the PostgreSQL suites are (test/support/backends.ts).
 */
export function describeInBrowser(title: string, body: (suite: BrowserSuite) => void): void {
  describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? title : `${title} — ${SKIP_REASON}`, () => {
    let portal: Portal;
    let browser: Browser;
    beforeAll(async () => {
      [portal, browser] = await Promise.all([startPortal(), launchBrowser()]);
    });
    afterAll(async () => {
      await browser?.close();
      await portal?.close();
    });
    body({ portal: () => portal, browser: () => browser });
  });
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** test-results/ is git-ignored: screenshots are artefacts of a run; a few are copied to docs/screenshots/. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Rendering a long page on a loaded 2-core machine has taken over playwright's default 30 s once.
  await page.screenshot({ path, fullPage, animations: 'disabled', timeout: 60_000 });
  return path;
}

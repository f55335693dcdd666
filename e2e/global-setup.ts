import { ensureWebBuild } from '../web/scripts/build.ts';
import { HAS_CHROMIUM } from './support/browser.ts';

/**
 * Browser tests serve the built portal: build it once per run when web/dist is missing or older than its
 * sources. Without Chromium the browser suites are skipped, so there is nothing to build for.
 */
export default function setup(): void {
  if (HAS_CHROMIUM) ensureWebBuild((line) => console.log(line));
}

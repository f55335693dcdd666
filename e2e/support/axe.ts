import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.1 A and AA (GB/T 37668-2019 follows WCAG 2.0 AA), plus axe's best practices for landmarks. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe on the page as it is; returns the serious and critical violations, and all of them for reports. */
export async function axe(page: Page): Promise<{ blocking: AxeFinding[]; all: AxeFinding[] }> {
  // Legacy mode runs axe in the page itself; the default opens a second page per run to merge frame results,
  // which doubles the time and buys nothing here: the portal has no frames.
  const result = await new AxeBuilder({ page })
    .withTags(TAGS)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  const all = result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
  return { blocking: all.filter((v) => v.impact === 'serious' || v.impact === 'critical'), all };
}

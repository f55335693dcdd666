import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axe, type AxeFinding } from './support/axe.ts';
import { newContext, phoneContext } from './support/browser.ts';
import { visit } from './support/page.ts';
import { screenshot, SCREENSHOT_DIR } from './support/screenshots.ts';
import { describeInBrowser } from './support/suite.ts';

type Mode = 'default' | 'large-font' | 'high-contrast' | 'kiosk';

interface MainPage {
  name: string;
  path: string;
  /** A variant of a main page (another kind of document, an empty result): checked in the default mode. */
  variant?: boolean;
  /** The pages whose colours differ most, checked in high-contrast mode too (an extra to the modes). */
  core?: boolean;
  /** Brings the page into the state to check, after it has loaded (a match shown, its explanation open). */
  prepare?: (page: Page) => Promise<void>;
}

/** "哪些政策适合我" for a visitor typing: a date typed and its calendar open (antd draws it in a popup). */
async function openDatePicker(page: Page): Promise<void> {
  await page.locator('.form-switches').getByText('自己输入').click();
  await page.getByLabel(/^初次领证日期/).click();
  await page.keyboard.type('2012-03-20');
  await page.keyboard.press('Enter');
  await page.getByLabel(/^初次领证日期/).click();
  await page.locator('.ant-picker-dropdown').waitFor();
  // Until its opening animation ends the calendar is half transparent, and its contrast would be measured so.
  await page.waitForFunction(
    () => document.querySelector('.ant-picker-dropdown')?.getAnimations({ subtree: true }).length === 0,
  );
}

/** "哪些政策适合我" with a sample's results on screen and the first explanation open. */
async function showMatch(page: Page): Promise<void> {
  await page.getByLabel('示例画像（虚构）').selectOption({ index: 1 });
  await page.getByRole('button', { name: '开始匹配' }).click();
  const summary = page.locator('.match-card summary').first();
  await summary.click();
  await page.locator('.explain-node').first().waitFor();
  await page.waitForFunction(() => document.getElementById('main')?.getAttribute('aria-busy') === 'false');
  // For the screenshots: form and results side by side on a PC; the results from their heading on a phone.
  await page.evaluate(() =>
    window.innerWidth < 992
      ? document.getElementById('match-results-title')?.scrollIntoView({ block: 'start' })
      : window.scrollTo({ top: 0 }),
  );
}

/** The main pages, by the path they have on the web (the kiosk serves the same under /kiosk). */
function mainPages(ids: { schoolBus: number; plan: number }): MainPage[] {
  return [
    { name: 'home', path: '/', core: true },
    { name: 'search', path: `/search?q=${encodeURIComponent('校车')}`, core: true },
    { name: 'search-empty', path: `/search?q=${encodeURIComponent('量子计算机')}`, variant: true },
    { name: 'library', path: '/documents' },
    { name: 'document', path: `/documents/${ids.schoolBus}#第三十条`, core: true },
    { name: 'document-plan', path: `/documents/${ids.plan}`, variant: true },
    { name: 'issues', path: '/issues' },
    { name: 'issue', path: '/issues/1', core: true },
    { name: 'items', path: '/items' },
    { name: 'item', path: '/items/LC-XC-JSZG', core: true },
    { name: 'item-licence', path: '/items/LC-XC-SYXK', variant: true },
    { name: 'calculator', path: '/calculator?item=LC-XC-JSZG', core: true },
    { name: 'calculator-all', path: '/calculator', variant: true },
    { name: 'match', path: '/match', core: true, prepare: showMatch },
    { name: 'match-typed', path: '/match', prepare: openDatePicker },
    { name: 'not-found', path: '/no-such-page' },
  ];
}

/** A control's text, background and border colours as drawn. */
function colours(control: Locator): Promise<string[]> {
  return control.evaluate((el) => {
    const style = getComputedStyle(el);
    return [style.color, style.backgroundColor, style.borderTopColor];
  });
}

/** Waits for a control's colour transitions (antd's 0.2 s) to end, so that axe measures the final shade. */
async function transitionsEnded(control: Locator): Promise<void> {
  await control.evaluate(async (el) => {
    await Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished));
  });
}

function pagesFor(mode: Mode, pages: MainPage[]): MainPage[] {
  if (mode === 'default') return pages;
  if (mode === 'high-contrast') return pages.filter((p) => p.core);
  return pages.filter((p) => !p.variant);
}

const SETTINGS: Record<Exclude<Mode, 'kiosk'>, object> = {
  default: {},
  'large-font': { largeFont: true },
  'high-contrast': { highContrast: true },
};

describeInBrowser(
  'accessibility (axe, WCAG 2.1 AA) and screenshots of the main pages',
  ({ portal, browser }) => {
    let pages: MainPage[];
    const report: Record<string, { blocking: number; all: AxeFinding[] }> = {};

    beforeAll(async () => {
      pages = mainPages({
        schoolBus: await portal().documentId('聊政字〔2023〕9号'),
        plan: await portal().documentId('聊政办字〔2023〕13号'),
      });
    });

    afterAll(() => {
      const file = `${SCREENSHOT_DIR}/../axe-report.json`;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(report, null, 2));
    });

    async function contextFor(mode: Mode): Promise<BrowserContext> {
      const ctx = await newContext(browser());
      if (mode !== 'kiosk') {
        const settings = JSON.stringify({
          largeFont: false,
          highContrast: false,
          windowMode: false,
          ...SETTINGS[mode],
        });
        await ctx.addInitScript((s) => window.localStorage.setItem('zct.settings.v1', s), settings);
      }
      return ctx;
    }

    it('the check itself finds violations where there are some', async () => {
      const ctx = await newContext(browser());
      const page = await ctx.newPage();
      await page.setContent(
        '<html lang="zh-CN"><title>x</title><body><main><h1>测试</h1><img src="x.png">' +
          '<p style="color:#bbb;background:#fff">浅色文字</p><button></button></main></body></html>',
      );
      const { blocking } = await axe(page);
      expect(blocking.map((v) => v.id).sort()).toEqual(['button-name', 'color-contrast', 'image-alt']);
      await ctx.close();
    });

    for (const mode of ['default', 'large-font', 'high-contrast', 'kiosk'] as const) {
      it(`has no serious or critical axe violations in ${mode} mode`, async () => {
        const ctx = await contextFor(mode);
        const page = await ctx.newPage();
        const failures: string[] = [];
        for (const { name, path, prepare } of pagesFor(mode, pages)) {
          await visit(
            page,
            portal().url,
            mode === 'kiosk' ? `/kiosk${path === '/' ? '?idle=600' : path}` : path,
          );
          await prepare?.(page);
          const { blocking, all } = await axe(page);
          report[`${mode} ${name}`] = { blocking: blocking.length, all };
          for (const v of blocking)
            failures.push(`${name}: [${v.impact}] ${v.id} — ${v.help} — ${v.targets.join(', ')}`);
          if (mode !== 'default') await screenshot(page, `${name}-pc-${mode}`);
        }
        expect(failures, failures.join('\n')).toEqual([]);
        await ctx.close();
      }, 120_000);
    }

    // antd lightens the primary colour for hover and press, below 4.5:1 on the normal theme; theme.ts sets those
    // shades. The pointer stays on each kind of button (solid primary, outlined default, link) while axe measures.
    for (const mode of ['default', 'high-contrast', 'kiosk'] as const) {
      it(`keeps AA contrast on hovered and pressed buttons in ${mode} mode`, async () => {
        const ctx = await contextFor(mode);
        const page = await ctx.newPage();
        await visit(page, portal().url, `${mode === 'kiosk' ? '/kiosk' : ''}/calculator?item=LC-XC-JSZG`);
        const buttons = {
          primary: page.locator('.ant-btn-primary', { hasText: '下一题' }),
          // A setting that is off (a setting that is on is drawn as a primary button).
          default: page.locator('.ant-btn-default.settings-toggle').first(),
          link: page.locator('.ant-btn-link', { hasText: '重新开始' }),
        };
        const failures: string[] = [];
        for (const [kind, button] of Object.entries(buttons)) {
          const atRest = await colours(button);
          await button.hover();
          await transitionsEnded(button);
          // The pointer really is on the button: its colours changed (else this would measure the resting state).
          expect(await colours(button), `${kind} hovered`).not.toEqual(atRest);
          for (const v of (await axe(page)).blocking)
            failures.push(`${kind} hovered: ${v.id} — ${v.targets.join(', ')}`);
          if (kind !== 'link') {
            // Pressed, then released off the button so that nothing is clicked.
            await page.mouse.down();
            await transitionsEnded(button);
            for (const v of (await axe(page)).blocking)
              failures.push(`${kind} pressed: ${v.id} — ${v.targets.join(', ')}`);
            await page.mouse.move(0, 0);
            await page.mouse.up();
          }
        }
        expect(failures, failures.join('\n')).toEqual([]);
        await ctx.close();
      }, 60_000);
    }

    it('saves screenshots of every main page at 1366×768 and 390×844', async () => {
      for (const [size, make] of [
        ['pc', newContext],
        ['phone', phoneContext],
      ] as const) {
        const ctx = await make(browser());
        const page = await ctx.newPage();
        for (const { name, path, prepare } of pages) {
          await visit(page, portal().url, path);
          await prepare?.(page);
          await screenshot(page, `${name}-${size}`);
        }
        await visit(page, portal().url, '/kiosk?idle=600');
        await screenshot(page, `kiosk-home-${size}`);
        await ctx.close();
      }
    }, 120_000);
  },
);

import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildApp } from '../src/http/app.ts';
import { HAS_CHROMIUM, launchBrowser, newContext, SKIP_REASON } from './support/browser.ts';
import { settled } from './support/page.ts';

/**
 * Document text is untrusted: a gazette is typed, scanned or converted by people and tools we do not control.
 * Each payload below would run (setting window.__pwned, or opening a dialog) if the portal ever put document text
 * into the DOM as markup, or into a template, a URL or a <textarea>.
 */
const PWN = 'window.__pwned=1';
const P = {
  script: `<script>${PWN}</script>`,
  img: `<img src=x onerror="${PWN}">`,
  /** A title line may hold no spaces (the parser squeezes them out): the same attack, written without. */
  imgNoSpace: `<img/src=x/onerror=${PWN}>`,
  link: `<a href="javascript:${PWN}">点我</a>`,
  svg: `<svg onload="${PWN};alert(1)"></svg>`,
  template: `{{constructor.constructor('${PWN}')()}}`,
  textarea: `</textarea><script>${PWN}</script>`,
  /** U+202E RIGHT-TO-LEFT OVERRIDE: displays what follows reversed (the "Trojan source" trick). */
  rlo: '\u202E',
} as const;

const DOC_NUMBER = '聊政办字〔2024〕99号';
/** A word that occurs only in this document, to search for. */
const WORD = '鲸落试点';
const TITLE = `关于印发${P.script}${WORD}${P.imgNoSpace}${P.rlo}办法的通知`;
const ARTICLES = [
  `${WORD}${P.link}由市政府组织。${P.svg}`,
  `${WORD}模板${P.template}不得执行。${P.textarea}`,
  `${WORD}方向${P.rlo}反转文字，${P.img}到此为止。`,
  '本办法自2024年1月1日起施行。',
];
const NUMERALS = ['一', '二', '三', '四'];
/** What ingest keeps: everything but the bidirectional control (src/core/gazette/lines.ts). */
const kept = (text: string) => text.replaceAll(P.rlo, '');

const GAZETTE_TEXT = [
  '聊城市人民政府办公室文件',
  DOC_NUMBER,
  `聊城市人民政府办公室 关于印发${P.script}${WORD}`,
  `${P.imgNoSpace}${P.rlo}办法的通知`,
  '各县（市、区）人民政府：',
  `现将《${WORD}办法》印发给你们，请认真贯彻执行。`,
  `${WORD}办法`,
  ...ARTICLES.map((text, i) => `第${NUMERALS[i]}条 ${text}`),
  '聊城市人民政府办公室',
  '2024年1月1日',
].join('\n');

const ITEM_CODE = 'LC-TEST-XSS';
/** A policy item whose basis quotes the hostile articles, and whose own words are hostile too. */
const ITEM = {
  code: ITEM_CODE,
  name: `${WORD}${P.img}补贴`,
  kind: '奖补',
  target: 'enterprise',
  mode: '依申请',
  summary: `测试${P.script}摘要${P.template}`,
  basis: [
    { doc: DOC_NUMBER, article: 1 },
    { doc: DOC_NUMBER, article: 2 },
  ],
  conditionsText: '见第一条',
  variables: [
    {
      id: 'enterprise.whalefall',
      label: `参加${WORD}`,
      entity: 'enterprise',
      type: 'boolean',
      question: `是否参加${WORD}？`,
    },
  ],
  ruleText: `all @${DOC_NUMBER} 第一条 {\n  join "参加试点": enterprise.whalefall = true @第二条\n}\n`,
  materials: [{ id: 'licence', name: '营业执照', required: true, sources: ['licence'], proves: ['join'] }],
  process: [{ name: '提交申请', department: '市政府办公室' }],
  limits: { note: '原文未规定办理时限' },
  fees: { free: true, text: '不收费' },
  departments: { lead: '市政府办公室', co: [] },
  contacts: { consult: '12345', complaint: '12345' },
  benefit: { kind: 'unspecified', description: '测试', note: '原文未规定' },
  examples: [
    {
      name: '参加试点的企业符合条件',
      asOf: '2026-11-28',
      profile: { kind: 'enterprise', facts: { 'enterprise.whalefall': true } },
      expected: 'met',
    },
  ],
};

interface Watch {
  /** CSP violations the page reported (securitypolicyviolation events). */
  violations: () => Promise<string[]>;
  dialogs: string[];
  errors: string[];
}

/** Records what a hostile payload would leave behind: a dialog, a CSP violation, a page error. */
async function watch(ctx: BrowserContext, page: Page): Promise<Watch> {
  await ctx.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__violations', { value: seen });
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}: ${e.sample}`),
    );
  });
  const w: Watch = {
    dialogs: [],
    errors: [],
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
  };
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => w.errors.push(e.message));
  return w;
}

/** Nothing ran, and no element a payload describes exists in the page. */
async function expectUnharmed(page: Page, w: Watch, where: string): Promise<void> {
  // A handler that fires late (an image's onerror) has had its chance by the next frames.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), where).toBeUndefined();
  const injected = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        '#root script, #root [onerror], #root [onload], #root img[src="x"], #root a[href^="javascript:" i]',
      ),
    ].map((el) => el.outerHTML.slice(0, 120)),
  );
  expect(injected, where).toEqual([]);
  expect(w.dialogs, where).toEqual([]);
  // The page's own scripts, styles and requests are never refused, and no payload got far enough to be refused.
  expect(await w.violations(), where).toEqual([]);
  expect(w.errors, where).toEqual([]);
}

/** The text content of the first element matching, with nothing of it parsed as markup. */
function textOf(page: Page, selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => el.textContent ?? '');
}

describe.skipIf(!HAS_CHROMIUM)(
  HAS_CHROMIUM ? 'hostile document text in the portal' : `hostile document text — ${SKIP_REASON}`,
  () => {
    let dir: string;
    let database: DatabaseHandle;
    let close: () => Promise<void>;
    let origin: string;
    let documentId: number;
    let browser: Browser;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'zct-e2e-hostile-'));
      database = openDatabase({ sqlitePath: join(dir, 'zct.sqlite') });
      await migrateToLatest(database);
      const { app, library, items } = await buildApp({ config: { ZCT_ADMIN_TOKEN: undefined }, database });
      await library.ensureSearchIndex();
      const report = await library.ingest(Buffer.from(GAZETTE_TEXT), 'hostile.txt');
      documentId = report.documents[0]!.id;
      await items.save(ITEM, 'published');
      await app.listen({ port: 0, host: '127.0.0.1' });
      origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      close = () => app.close();
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await close?.();
      await database?.destroy();
      rmSync(dir, { recursive: true, force: true });
    });

    it('stores the hostile text as it was written but for the bidi control, so the pages below are tested against it', async () => {
      const res = await fetch(`${origin}/api/documents/${documentId}`);
      const doc = (await res.json()) as { title: string; articles: { text: string }[] };
      expect(doc.title).toBe(kept(TITLE));
      expect(doc.title).not.toContain(P.rlo);
      expect(doc.articles.map((a) => a.text)).toEqual(ARTICLES.map(kept));
    });

    it('shows the document page with its title and articles as literal text', async () => {
      const ctx = await newContext(browser);
      const page = await ctx.newPage();
      const w = await watch(ctx, page);
      await page.goto(`${origin}/documents/${documentId}`);
      await settled(page);
      expect(await textOf(page, 'h1')).toBe(kept(TITLE));
      const body = await textOf(page, '#main');
      for (const text of ARTICLES) expect(body).toContain(kept(text));
      // Visible, not merely present: the payload reads on screen as the characters it is made of.
      await page.getByText(P.link).first().waitFor({ state: 'visible' });
      await page.getByText(P.template).first().waitFor({ state: 'visible' });
      expect(await page.title()).toContain(`${P.script}${WORD}`);
      await expectUnharmed(page, w, 'document page');
      await ctx.close();
    });

    it('shows search results with highlights around the word, and the markup around it as text', async () => {
      const ctx = await newContext(browser);
      const page = await ctx.newPage();
      const w = await watch(ctx, page);
      await page.goto(`${origin}/search?q=${encodeURIComponent(WORD)}`);
      await settled(page);
      const hits = page.locator('.hit');
      expect(await hits.count()).toBeGreaterThanOrEqual(3);
      // Highlights are <mark>s holding the searched word and nothing else: no markup of the document in them.
      const marks = await page.locator('.hit-snippet mark').allTextContents();
      expect(marks.length).toBeGreaterThanOrEqual(3);
      expect(new Set(marks)).toEqual(new Set([WORD]));
      expect(await page.locator('.hit-snippet *:not(mark)').count()).toBe(0);
      const snippets = (await page.locator('.hit-snippet').allTextContents()).join('\n');
      expect(snippets).toContain(P.link);
      expect(snippets).toContain(P.svg);
      expect(snippets).toContain(P.template);
      expect(snippets).toContain(P.textarea);
      expect(await textOf(page, '.hit-title a')).toContain(kept(TITLE));
      await expectUnharmed(page, w, 'search results');

      // A result opens its article, still as text.
      await page.locator('.hit-title a').first().click();
      await page.waitForURL(/\/documents\/\d+#/);
      await settled(page);
      await expectUnharmed(page, w, 'document page from a search result');
      await ctx.close();
    });

    it('shows a policy item quoting the hostile articles, with its own hostile words, as text', async () => {
      const ctx = await newContext(browser);
      const page = await ctx.newPage();
      const w = await watch(ctx, page);
      await page.goto(`${origin}/items/${ITEM_CODE}`);
      await settled(page);
      expect(await textOf(page, 'h1')).toBe(ITEM.name);
      expect(await textOf(page, '#main')).toContain(ITEM.summary);
      const quotes = page.locator('details.quote');
      expect(await quotes.count()).toBeGreaterThan(0);
      for (const summary of await page.locator('details.quote > summary').all()) await summary.click();
      const quoted = (await page.locator('.quote-text').allTextContents()).join('\n');
      expect(quoted).toContain(ARTICLES[0]);
      expect(quoted).toContain(ARTICLES[1]);
      await page.getByText(P.link).first().waitFor({ state: 'visible' });
      await expectUnharmed(page, w, 'item page');
      await ctx.close();
    });

    it('keeps the text harmless in the library list, on the kiosk and on the home page', async () => {
      const ctx = await newContext(browser);
      const page = await ctx.newPage();
      const w = await watch(ctx, page);
      for (const path of ['/', '/documents', `/kiosk/documents/${documentId}`, `/kiosk/items/${ITEM_CODE}`]) {
        await page.goto(origin + path);
        await settled(page);
        expect(await textOf(page, '#main'), path).toContain(path.includes('items') ? ITEM.name : kept(TITLE));
        await expectUnharmed(page, w, path);
      }
      await ctx.close();
    });

    it('would still refuse the payloads if markup ever reached the DOM (the CSP, as a second line)', async () => {
      const ctx = await newContext(browser);
      const html = ARTICLES.join('') + TITLE;
      // The payloads are live: on a page without our policy, the same markup runs.
      const bare = await ctx.newPage();
      await bare.setContent('<main id="main"></main>');
      await bare.evaluate((h) => document.getElementById('main')!.insertAdjacentHTML('beforeend', h), html);
      await bare.waitForFunction(() => (window as { __pwned?: unknown }).__pwned === 1);

      const page = await ctx.newPage();
      const w = await watch(ctx, page);
      await page.goto(`${origin}/documents/${documentId}`);
      await settled(page);
      // What a careless innerHTML would do with the article text.
      await page.evaluate((h) => document.getElementById('main')!.insertAdjacentHTML('beforeend', h), html);
      await page.locator('#main a[href^="javascript:"]').first().click();
      await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(w.dialogs).toEqual([]);
      const refused = await w.violations();
      // onerror= handlers are inline script attributes; following a javascript: URL is inline script.
      expect(refused.filter((v) => v.startsWith('script-src-attr')).length).toBeGreaterThanOrEqual(2);
      expect(refused.some((v) => v.startsWith('script-src-elem'))).toBe(true);
      await ctx.close();
    });
  },
);

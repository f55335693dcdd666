import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { AccountRow } from '../src/features/accounts/accounts.repository.ts';
import { axe } from './support/axe.ts';
import { newContext } from './support/browser.ts';
import { settled, visit } from './support/page.ts';
import { screenshot } from './support/screenshots.ts';
import { apiAs, createStaff, sampleDefinition, saveAndSubmit, type ApiCaller } from './support/staff.ts';
import { describeInBrowser } from './support/suite.ts';

const DEPARTMENT = 'lc-gxj';
const DOC_NUMBER = '聊工信发〔2026〕9号';
const TITLE = '关于印发聊城市中小企业数字化转型补助办法的通知';
const TEXT = `${DOC_NUMBER}

${TITLE}

各县（市、区）工业和信息化局：
现将《聊城市中小企业数字化转型补助办法》印发给你们，请认真贯彻执行。

聊城市工业和信息化局
2026年1月5日

聊城市中小企业数字化转型补助办法

第一条 为推动中小企业数字化转型，制定本办法。

第二条 本办法自2026年2月1日起施行。
`;
/** In the library (the sample gazette), so the notice links to it. */
const REPEALING = '聊政字〔2023〕9号';
const DOC_REASON = '补助政策已并入新的市级产业扶持办法';
const ITEM_REASON = '依据文件已废止，补助不再受理';
/** Not in the library: named, not linked. */
const ITEM_REPEALING = '聊工信发〔2026〕15号';

/**
 * What the public reads of a repeal (issue 5): a document or item repealed through review shows the date, the
 * reason and the repealing document, linked when the library holds it, on the web and at the kiosk; an item no
 * longer in force keeps its address and says why. And a page that was not found is asked for again when the
 * visitor comes back to it, rather than read from the cache.
 */
describeInBrowser('the public reads repeals', ({ portal, browser }) => {
  let editorAccount: AccountRow;
  let editor: ApiCaller;
  let reviewer: ApiCaller;

  beforeAll(async () => {
    editorAccount = await createStaff(portal(), {
      username: 'sun-editor',
      displayName: '孙编辑',
      department: DEPARTMENT,
      roles: ['editor'],
    });
    editor = await apiAs(portal(), editorAccount);
    reviewer = await apiAs(
      portal(),
      await createStaff(portal(), {
        username: 'zhou-reviewer',
        displayName: '周审核',
        department: DEPARTMENT,
        roles: ['reviewer'],
      }),
    );
  });

  /** An editor asks, a reviewer of the department approves: the repeal takes effect. */
  async function repeal(path: string, body: { reason: string; docNumber: string; repealedOn: string }) {
    const asked = await editor.ok<{ id: number }>('POST', path, body);
    await reviewer.ok('POST', `/api/repeals/${asked.id}/review`, { decision: 'approve' });
  }

  const notice = (page: Page) => page.locator('.repeal-notice');

  it('shows a repealed document’s date, reason and repealing document, on the web and at the kiosk', async () => {
    // The department's own document, published through review, then repealed through review.
    const documentId = await ingestAsEditor(TEXT);
    await editor.ok('POST', `/api/documents/${documentId}/submit`, {});
    await reviewer.ok('POST', `/api/documents/${documentId}/review`, { version: 1, decision: 'approve' });
    await repeal(`/api/documents/${documentId}/repeal`, {
      reason: DOC_REASON,
      docNumber: REPEALING,
      repealedOn: '2026-03-01',
    });
    const repealingId = await portal().documentId(REPEALING);

    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    for (const prefix of ['', '/kiosk']) {
      await visit(page, portal().url, `${prefix}/documents/${documentId}`);
      expect(await page.locator('.validity-badge').first().textContent()).toBe('已废止');
      expect(await notice(page).textContent()).toBe(
        `本文件自 2026年3月1日 起废止。废止理由${DOC_REASON}废止文件${REPEALING}`,
      );
      const link = notice(page).getByRole('link', { name: REPEALING });
      expect(await link.getAttribute('href')).toBe(`${prefix}/documents/${repealingId}`);
      expect((await axe(page)).blocking).toEqual([]);
      await screenshot(page, `document-repealed-${prefix ? 'kiosk' : 'pc'}`);
    }
    // The link leads to the repealing document.
    await notice(page).getByRole('link', { name: REPEALING }).click();
    await page.waitForURL(`**/kiosk/documents/${repealingId}`);
    await settled(page);
    expect(await page.locator('h1').textContent()).toMatch(/校车/);
    await ctx.close();

    // In high contrast too (white on black, the notice's own colours from the dark theme).
    const contrasted = await newContext(browser());
    await contrasted.addInitScript(() =>
      window.localStorage.setItem(
        'zct.settings.v1',
        JSON.stringify({ largeFont: false, highContrast: true, windowMode: false }),
      ),
    );
    const dark = await contrasted.newPage();
    await visit(dark, portal().url, `/documents/${documentId}`);
    expect(await notice(dark).isVisible()).toBe(true);
    expect((await axe(dark)).blocking).toEqual([]);
    await screenshot(dark, 'document-repealed-pc-high-contrast');
    await contrasted.close();
  });

  it('shows a repealed item’s repeal: ahead of the date on its page, after it in place of the page', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    // Repealed from a future day: still published, with the notice.
    await repeal('/api/items/LC-GX-ZNGC/repeal', {
      reason: ITEM_REASON,
      docNumber: ITEM_REPEALING,
      repealedOn: '2099-01-01',
    });
    await visit(page, portal().url, '/items/LC-GX-ZNGC');
    expect(await notice(page).textContent()).toBe(
      `本政策事项自 2099年1月1日 起废止。废止理由${ITEM_REASON}废止文件${ITEM_REPEALING}（本库未收录该文件）`,
    );
    expect(await notice(page).getByRole('link').count()).toBe(0);

    // Repealed from a past day: no longer published, and its address says why instead of 没有找到.
    await repeal('/api/items/LC-GX-JSGZ/repeal', {
      reason: ITEM_REASON,
      docNumber: REPEALING,
      repealedOn: '2026-01-01',
    });
    for (const prefix of ['', '/kiosk']) {
      await visit(page, portal().url, `${prefix}/items/LC-GX-JSGZ`);
      expect(await page.locator('h1').textContent()).toBe('政策事项 LC-GX-JSGZ 已废止');
      expect(await page.title()).toBe('政策事项 LC-GX-JSGZ 已废止 - 政策通');
      expect(await notice(page).textContent()).toContain(ITEM_REASON);
      expect(await notice(page).getByRole('link', { name: REPEALING }).count()).toBe(1);
      expect((await axe(page)).blocking).toEqual([]);
      await screenshot(page, `item-repealed-${prefix ? 'kiosk' : 'pc'}`);
    }
    await ctx.close();
  });

  it('asks again for an item that was not found when the visitor comes back to it', async () => {
    const code = 'LC-GX-SZZX';
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await visit(page, portal().url, `/items/${code}`);
    expect(await page.locator('h1').textContent()).toBe('没有找到这个政策事项');

    // Published meanwhile (by the department, through review).
    const definition = { ...sampleDefinition('LC-GX-CXQ'), code, name: '数字化转型专项（测试）' };
    const version = await saveAndSubmit(editor, definition);
    await reviewer.ok('POST', `/api/items/${code}/review`, { version, decision: 'approve' });

    // Away and back without reloading the page (the same document throughout), so the query cache is kept.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await page.getByRole('link', { name: '首页' }).first().click();
    await page.waitForURL(`${portal().url}/`);
    await settled(page);
    await page.goBack();
    await page.waitForURL(`**/items/${code}`);
    await settled(page);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );
    expect(await page.locator('h1').textContent()).toBe('数字化转型专项（测试）');
    await ctx.close();
  });

  /** Ingests a text as the editor (a raw text/plain body, as the console sends it); returns the document's id. */
  async function ingestAsEditor(text: string): Promise<number> {
    const session = await portal().accounts.openSession(editorAccount, 'password', '127.0.0.1');
    const res = await fetch(`${portal().url}/api/ingest?name=${encodeURIComponent('补助办法.txt')}`, {
      method: 'POST',
      headers: {
        cookie: `zct_session=${session.token}`,
        'x-csrf-token': session.csrfToken,
        'content-type': 'text/plain',
      },
      body: text,
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { documents: { id: number; docNumber: string | null }[] };
    return report.documents.find((d) => d.docNumber === DOC_NUMBER)!.id;
  }
});

import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { axe } from './support/axe.ts';
import { newContext } from './support/browser.ts';
import { settled, visit } from './support/page.ts';
import { createStaff, signIn } from './support/staff.ts';
import { describeInBrowser } from './support/suite.ts';

const DEPARTMENT = 'lc-gxj';
const TEXT = `聊工信发〔2026〕7号

关于印发聊城市工业设计中心认定办法的通知

各县（市、区）工业和信息化局：
现将《聊城市工业设计中心认定办法》印发给你们，请认真贯彻执行。

聊城市工业和信息化局
2026年3月2日

聊城市工业设计中心认定办法

第一条 为提升工业设计水平，制定本办法。

第二条 本办法适用于本市行政区域内的企业工业设计中心。

第三条 本办法自2026年4月1日起施行。
`;

/** Accessibility findings with the pointer left where the last click put it (hovered buttons keep AA contrast). */
const axeBlocking = async (page: Page) => (await axe(page)).blocking;

/**
 * The documents page of the staff console: an editor pastes a document, checks its parse and ingests it;
 * corrects an article, sees the change side by side and submits; a reviewer of the department approves it
 * from the same page, and the public sees the corrected text.
 */
describeInBrowser('the staff console: documents', ({ portal, browser }) => {
  beforeAll(async () => {
    await createStaff(portal(), {
      username: 'li-editor',
      displayName: '李编辑',
      department: DEPARTMENT,
      roles: ['editor'],
    });
    await createStaff(portal(), {
      username: 'qian-reviewer',
      displayName: '钱审核',
      department: DEPARTMENT,
      roles: ['reviewer'],
    });
  });

  it('an editor ingests and corrects a document; a reviewer approves it; the public reads it', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await signIn(page, portal(), 'li-editor', { returnTo: '/staff/documents' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('文件维护');
    expect(await page.locator('.empty-state').textContent()).toMatch(/还没有维护的文件/);

    // Ingest: paste, check the parse, store.
    await page.getByRole('tab', { name: '导入文件' }).click();
    await page.getByLabel('文件全文（粘贴）').fill(TEXT);
    await page.getByRole('button', { name: '检查解析' }).click();
    const check = page.getByRole('region', { name: '解析检查' });
    await check.waitFor();
    expect(await check.locator('tbody tr td').allTextContents()).toEqual([
      '关于印发聊城市工业设计中心认定办法的通知',
      '聊工信发〔2026〕7号',
      '3',
      '0',
    ]);
    await page.getByRole('button', { name: /^导\s?入$/ }).click();
    expect(await page.locator('.ant-alert-success').textContent()).toMatch(/新文件，第 1 版（草稿）/);
    expect(await axeBlocking(page)).toEqual([]);

    // Correct it before it was ever submitted: article 2 gains a phrase, shown side by side.
    await page.getByRole('tab', { name: '本部门文件' }).click();
    const row = page.locator('tr', { hasText: '聊工信发〔2026〕7号' });
    expect(await row.locator('td').nth(3).textContent()).toBe('草稿');
    await row.getByRole('button', { name: '更正《关于印发聊城市工业设计中心认定办法的通知》' }).click();
    const text = page.getByLabel('更正后的全文');
    await expect.poll(() => text.inputValue()).toMatch(/^聊工信发〔2026〕7号/);
    await text.fill((await text.inputValue()).replace('企业工业设计中心', '企业和高校工业设计中心'));
    await page.getByRole('button', { name: '检查解析与对照' }).click();
    const diff = page.getByRole('region', { name: /逐行对照/ });
    await diff.waitFor();
    expect(await diff.locator('del').textContent()).toMatch(
      /第二条 本办法适用于本市行政区域内的企业工业设计中心。/,
    );
    expect(await diff.locator('ins').textContent()).toMatch(/企业和高校工业设计中心/);
    expect(await axeBlocking(page)).toEqual([]);
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    expect(await page.getByRole('status').filter({ hasText: '已提交审核' }).textContent()).toMatch(
      /第 2 版已提交审核/,
    );
    expect(
      await page.locator('tr', { hasText: '聊工信发〔2026〕7号' }).locator('td').nth(3).textContent(),
    ).toBe('待审核');
    await ctx.close();

    // Not public until approved.
    const listed = (await portal().library.listDocuments({}, '2026-12-31', 1, 100)).items.find(
      (d) => d.docNumber === '聊工信发〔2026〕7号',
    );
    expect(listed).toBeUndefined();

    // The reviewer approves it from the documents page.
    const rctx = await newContext(browser());
    const reviewer = await rctx.newPage();
    reviewer.setDefaultTimeout(8000);
    await signIn(reviewer, portal(), 'qian-reviewer', { returnTo: '/staff/documents' });
    const card = reviewer.locator('.staff-card', { hasText: '关于印发聊城市工业设计中心认定办法的通知' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/新文件/);
    await card.getByRole('button', { name: /^通\s?过$/ }).click();
    expect(await reviewer.getByRole('status').filter({ hasText: '审核通过' }).textContent()).toMatch(
      /第 2 版已审核通过并公开/,
    );
    expect(await axeBlocking(reviewer)).toEqual([]);
    await rctx.close();

    const docId = await portal().documentId('聊工信发〔2026〕7号');
    const pub = await (await browser().newContext()).newPage();
    await visit(pub, portal().url, `/documents/${docId}`);
    await settled(pub);
    expect(await pub.locator('main').textContent()).toMatch(/企业和高校工业设计中心/);
  });
});

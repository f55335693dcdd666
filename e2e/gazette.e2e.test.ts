import { expect, it } from 'vitest';
import { newContext } from './support/browser.ts';
import { decodedPath, settled } from './support/page.ts';
import { describeInBrowser } from './support/suite.ts';

describeInBrowser('gazette issues and plain pages in the browser', ({ portal, browser }) => {
  it('opens the latest gazette issue from the home page, then a document from its table of contents', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(portal().url);
    await settled(page);
    const latest = page.getByRole('region', { name: '最新一期公报' });
    await latest.getByRole('link', { name: '查看本期目录' }).click();
    await page.getByRole('heading', { level: 1, name: '聊城市人民政府公报 2023年第5期' }).waitFor();
    await settled(page);

    const toc = page.getByRole('region', { name: '本期目录' });
    const entries = toc.locator('.issue-toc-entry');
    expect(await entries.count()).toBe(9);
    expect(await toc.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      '市政府文件',
      '市政府办公室文件',
      '政务动态',
    ]);
    // Page numbers as printed, read out as 第 18 页.
    const schoolBus = entries.filter({ hasText: '聊政字〔2023〕9号' });
    expect(await schoolBus.locator('.issue-toc-page [aria-hidden="true"]').textContent()).toBe('18');
    expect(await schoolBus.locator('.issue-toc-page .visually-hidden').textContent()).toBe('第 18 页');

    await schoolBus.getByRole('link').click();
    await page.waitForURL(/\/documents\/\d+$/);
    await settled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      '关于印发聊城市校车安全管理的通知',
    );
    // The heading takes focus after navigation, for screen-reader and keyboard users.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    const meta = page.getByRole('definition').filter({ hasText: '2023年第5期' });
    expect(await meta.textContent()).toBe('聊城市人民政府公报 2023年第5期 第 18 页');
    await ctx.close();
  });

  it('lists documents without articles (大事记) as printed paragraphs', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(`${portal().url}/issues`);
    await settled(page);
    await page.getByRole('link', { name: '聊城市人民政府公报 2023年第5期' }).click();
    await page.waitForURL(/\/issues\/\d+$/);
    await settled(page);
    await page.getByRole('link', { name: '聊城市人民政府大事记（2023年5月）' }).click();
    await page.waitForURL(/\/documents\/\d+$/);
    await settled(page);
    expect(await page.locator('.validity-badge').first().textContent()).toBe('效力未标注');
    expect(await page.locator('.document-body p').count()).toBeGreaterThan(10);
    expect(await page.getByRole('navigation', { name: '目录' }).count()).toBe(0);
    await ctx.close();
  });

  it('shows a not-found page, with status 404 from the server', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    const res = await page.goto(`${portal().url}/no-such-page`);
    expect(res?.status()).toBe(404);
    await settled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('页面不存在');
    await page.getByRole('link', { name: '返回首页' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await settled(page);
    expect(decodedPath(page)).toBe('/');

    await page.goto(`${portal().url}/documents/999999`);
    await settled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('没有找到这份文件');
    await ctx.close();
  });

  it('shows an error with a retry when the API fails, and recovers', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    let fail = true;
    await page.route('**/api/issues/*', (route) =>
      fail
        ? route.fulfill({
            status: 503,
            contentType: 'application/problem+json',
            body: JSON.stringify({ title: '服务暂不可用', status: 503, detail: '数据库维护中' }),
          })
        : route.continue(),
    );
    await page.goto(`${portal().url}/issues/1`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toMatch(/内容加载失败：数据库维护中/);
    fail = false;
    await alert.getByRole('button', { name: '重试' }).click();
    await page.getByRole('heading', { level: 1, name: /2023年第5期/ }).waitFor();
    await ctx.close();
  });
});

import { beforeAll, expect, it } from 'vitest';
import { newContext } from './support/browser.ts';
import { decodedPath, focused, settled, tabUntil } from './support/page.ts';
import { ingestRevisedDocument } from './support/server.ts';
import { describeInBrowser } from './support/suite.ts';

describeInBrowser('reading the library in the browser', ({ portal, browser }) => {
  beforeAll(async () => {
    await ingestRevisedDocument(portal().library);
  });

  it('searches for 校车, opens the 校车安全管理办法 and jumps to 第三十条 by its link', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(portal().url);
    await settled(page);
    await page.getByRole('searchbox', { name: '搜索政策文件和条文' }).fill('校车');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '“校车”的搜索结果' }).waitFor();
    await settled(page);
    expect(decodedPath(page)).toBe('/search?q=校车');
    // Highlights are <mark>s around the words searched for.
    const marks = await page.locator('.hit-snippet mark').allTextContents();
    expect(marks.length).toBeGreaterThan(3);
    expect(new Set(marks)).toEqual(new Set(['校车']));

    await page
      .getByRole('link', { name: /校车安全管理/ })
      .first()
      .click();
    await page.waitForURL(/\/documents\/\d+/);
    await settled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/校车安全管理/);
    expect(await page.locator('.document-subtitle').textContent()).toBe('附件：聊城市校车安全管理办法');
    expect(await page.locator('.validity-badge').first().textContent()).toBe('现行有效');

    const toc = page.getByRole('navigation', { name: '目录' });
    await toc.getByRole('link', { name: /^第三十条/ }).click();
    await page.waitForFunction(() => decodeURIComponent(location.hash) === '#第三十条');
    const id = await focused(page);
    expect(id.id).toBe('第三十条');
    const box = await page.locator('[id="第三十条"]').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(200);
    expect(await page.locator('[id="第三十条"]').textContent()).toMatch(
      /取得相应准驾车型驾驶证并具有三年以上驾驶经历/,
    );
    expect(await toc.locator('[aria-current="location"]').textContent()).toMatch(/^第三十条/);
    await ctx.close();
  });

  it('opens a shared article link on the article, and copies an article link', async () => {
    const ctx = await newContext(browser());
    const origin = portal().url;
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await ctx.newPage();
    const id = await portal().documentId('聊政字〔2023〕9号');
    await page.goto(`${origin}/documents/${id}#第二十二条`);
    await settled(page);
    expect((await focused(page)).id).toBe('第二十二条');

    await page.getByRole('button', { name: '复制链接（第三十条）' }).click();
    await page.getByText('已复制 第三十条 的链接').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(decodeURIComponent(copied)).toBe(`${origin}/documents/${id}#第三十条`);

    const missing = await ctx.newPage();
    await missing.goto(`${origin}/documents/${id}#第九十九条`);
    await settled(missing);
    await missing.getByText('本文件没有“第九十九条”，已显示全文。').waitFor();
    await ctx.close();
  });

  it('searches, opens a result and jumps to an article with the keyboard alone', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(portal().url);
    await settled(page);
    await tabUntil(page, (el) => el.tag === 'a' && el.text === '跳到主要内容', { max: 1 });
    await tabUntil(page, (el) => el.tag === 'input' && 'data-search-input' in el.attr);
    await page.keyboard.type('驾驶资格');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '“驾驶资格”的搜索结果' }).waitFor();
    await settled(page);
    await tabUntil(
      page,
      (el) => el.tag === 'a' && el.text.includes('第三十条') && 'data-nav-item' in el.attr,
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/documents\/\d+#/);
    await settled(page);
    expect(decodedPath(page)).toMatch(/#第三十条$/);
    expect((await focused(page)).id).toBe('第三十条');

    // From the article, back to the table of contents, and on to another article.
    await tabUntil(page, (el) => el.attr['data-toc'] === '第二十二条', { backwards: true, max: 120 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => decodeURIComponent(location.hash) === '#第二十二条');
    expect((await focused(page)).id).toBe('第二十二条');
    // Focus is visible: the focused article has an outline.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await ctx.close();
  });

  it('names its controls as written: "搜索", never antd\'s "搜 索"', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(`${portal().url}/search?q=${encodeURIComponent('校车')}`);
    await settled(page);
    expect(await page.getByRole('button', { name: '搜索', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '搜 索' }).count()).toBe(0);
    const spaced = await page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .map((b) => b.textContent ?? '')
        .filter((t) => /^\S \S$/.test(t.trim())),
    );
    expect(spaced).toEqual([]);
    await ctx.close();
  });

  it('filters by validity, keeps query, filters and page in a URL that can be shared', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(`${portal().url}/search?q=${encodeURIComponent('工作')}`);
    await settled(page);
    let facets = page.getByRole('region', { name: '效力状态' });
    expect(await facets.getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^现行有效/), expect.stringMatching(/^已失效/)]),
    );
    await facets.getByRole('link', { name: /^已失效/ }).click();
    await page.waitForURL(/validity=expired/);
    await settled(page);
    expect(decodedPath(page)).toBe('/search?q=工作&validity=expired');
    expect(new Set(await page.locator('.hit .validity-badge').allTextContents())).toEqual(
      new Set(['已失效']),
    );
    // Following the chosen value again clears the filter.
    await facets.getByRole('link', { name: /已失效/ }).click();
    await page.waitForURL((u) => !u.search.includes('validity'));

    await page.goto(`${portal().url}/search?q=${encodeURIComponent('管理')}`);
    await settled(page);
    facets = page.getByRole('region', { name: '效力状态' });
    await facets.getByRole('link', { name: /^现行有效/ }).click();
    await page.waitForURL(/validity=in-force/);
    await settled(page);
    expect(decodedPath(page)).toBe('/search?q=管理&validity=in-force');
    expect(await facets.locator('[aria-current="true"]').textContent()).toMatch(/现行有效/);
    const badges = await page.locator('.hit .validity-badge').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['现行有效']));

    await page.getByRole('navigation', { name: '分页' }).getByRole('link', { name: '第 2 页' }).click();
    await page.waitForURL(/page=2/);
    await settled(page);
    expect(decodedPath(page)).toBe('/search?q=管理&validity=in-force&page=2');

    // The same URL in a new tab shows the same page of the same search.
    const shared = await ctx.newPage();
    await shared.goto(page.url());
    await settled(shared);
    expect(await shared.getByRole('searchbox', { name: '搜索政策文件和条文' }).inputValue()).toBe('管理');
    expect(await shared.locator('.pagination [aria-current="page"]').textContent()).toBe('2');
    expect(await shared.locator('.hit-title').allTextContents()).toEqual(
      await page.locator('.hit-title').allTextContents(),
    );

    // A filter that leaves nothing suggests dropping it.
    await page.goto(`${portal().url}/search?q=${encodeURIComponent('校车')}&validity=repealed`);
    await settled(page);
    await page.getByText('没有找到与“校车”相关的条文').waitFor();
    await page.locator('.empty-state').getByRole('link', { name: '清除全部筛选' }).click();
    await page.waitForURL((u) => !u.search.includes('validity'));
    await settled(page);
    expect(await page.locator('.hit').count()).toBeGreaterThan(0);
    await ctx.close();
  });

  it('suggests something useful when a search finds nothing', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(`${portal().url}/search?q=${encodeURIComponent('量子计算机')}`);
    await settled(page);
    await page.getByText('没有找到与“量子计算机”相关的条文').waitFor();
    await page.locator('.empty-state').getByRole('link', { name: '储备粮' }).click();
    await page.getByRole('heading', { level: 1, name: '“储备粮”的搜索结果' }).waitFor();
    await ctx.close();
  });

  it('links cited documents and lists every version of a document', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    const id = await portal().documentId('聊政字〔2023〕9号');
    await page.goto(`${portal().url}/documents/${id}`);
    await settled(page);
    const cited = page.getByRole('region', { name: '引用的文件' });
    await cited.getByRole('link', { name: /《校车安全管理条例》/ }).click();
    await page.getByRole('heading', { level: 1, name: '“校车安全管理条例”的搜索结果' }).waitFor();

    const revised = await portal().documentId('东政发〔2024〕2号');
    await page.goto(`${portal().url}/documents/${revised}`);
    await settled(page);
    const versions = page.getByRole('region', { name: '版本' });
    expect(await versions.locator('[aria-current="true"]').textContent()).toMatch(/第 2 版当前版本/);
    await versions.getByRole('link', { name: '查看第 1 版' }).click();
    await page.waitForURL(/\/versions\/1$/);
    await settled(page);
    await page.getByText('您正在查看第 1 版（历史版本），内容可能已被修订。').waitFor();
    expect(await page.locator('[id="第二条"]').textContent()).toMatch(/5月31日/);
    await ctx.close();
  });
});

import { expect, it } from 'vitest';
import { newContext, phoneContext, PHONE } from './support/browser.ts';
import { decodedPath, focused, settled } from './support/page.ts';
import { describeInBrowser } from './support/suite.ts';

describeInBrowser('channels and display settings in the browser', ({ portal, browser }) => {
  it('kiosk: counts down when idle and returns to the start, clearing what was entered', async () => {
    const ctx = await newContext(browser(), { hasTouch: true });
    const page = await ctx.newPage();
    // A short timeout for the test: reset after 4 s idle, with a 3 s countdown.
    await page.goto(`${portal().url}/kiosk?idle=4&warn=3`);
    await settled(page);
    const box = page.getByRole('searchbox', { name: '搜索政策文件和条文' });
    await box.fill('校车');
    await box.press('Enter');
    await page.getByRole('heading', { level: 1, name: '“校车”的搜索结果' }).waitFor();
    await settled(page);
    expect(decodedPath(page)).toBe('/kiosk/search?q=校车');
    await page.getByRole('searchbox', { name: '搜索政策文件和条文' }).fill('储备粮（未提交）');

    const dialog = page.getByRole('dialog', { name: '您还在使用吗？' });
    await dialog.waitFor({ timeout: 5_000 });
    expect(await dialog.textContent()).toMatch(/秒后将返回首页，并清除您输入的内容/);
    // Any touch keeps the session: "继续使用".
    await dialog.getByRole('button', { name: '继续使用' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(decodedPath(page)).toBe('/kiosk/search?q=校车');

    // Left alone, the kiosk goes back to its start page with an empty search box.
    await dialog.waitFor({ timeout: 5_000 });
    await page.waitForURL((u) => u.pathname === '/kiosk' && u.search === '', { timeout: 8_000 });
    await settled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('欢迎使用政策自助查询');
    expect(await page.getByRole('searchbox', { name: '搜索政策文件和条文' }).inputValue()).toBe('');
    expect(await page.getByRole('dialog').count()).toBe(0);
    // "返回上一页" cannot walk back into the previous visitor's pages.
    expect(await page.getByRole('button', { name: '返回上一页' }).isDisabled()).toBe(true);
    await ctx.close();
  });

  it('kiosk: large touch targets and no link that leaves the kiosk', async () => {
    const ctx = await newContext(browser(), { hasTouch: true });
    const page = await ctx.newPage();
    await page.goto(`${portal().url}/kiosk?idle=600`);
    await settled(page);
    const id = await portal().documentId('聊政字〔2023〕9号');
    for (const path of [
      '/kiosk',
      '/kiosk/search?q=校车',
      `/kiosk/documents/${id}`,
      '/kiosk/issues/1',
      '/kiosk/documents',
      '/kiosk/items',
      '/kiosk/items/LC-XC-SYXK',
      '/kiosk/calculator?item=LC-XC-JSZG',
      '/kiosk/match',
    ]) {
      await page.goto(portal().url + path);
      await settled(page);
      const links = await page.evaluate(() =>
        [...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
      );
      expect(links.length, path).toBeGreaterThan(0);
      for (const href of links) {
        const u = new URL(href);
        expect(u.origin, `${path}: ${href}`).toBe(portal().url);
        expect(u.pathname.startsWith('/kiosk'), `${path}: ${href}`).toBe(true);
      }
      // A control's target is what a finger touches (WCAG 2.5.5): a radio button's or checkbox's label, and the
      // whole box of a select or date picker, whose text input sits inside it.
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('main a, main button, main input, header a, header button')]
          .filter((el) => (el as HTMLElement).offsetParent !== null)
          .map((el) =>
            el.matches('input[type=radio], input[type=checkbox]')
              ? (el.closest('label') ?? el)
              : (el.closest('.ant-select, .ant-picker') ?? el),
          )
          .map((el) => ({ text: el.textContent?.trim().slice(0, 20), h: el.getBoundingClientRect().height }))
          .filter((x) => x.h < 44),
      );
      expect(small, path).toEqual([]);
    }
    // No copy-link buttons on a shared device.
    expect(await page.getByRole('button', { name: /复制链接/ }).count()).toBe(0);
    await ctx.close();
  });

  it('large-font and high-contrast modes: one toggle each, remembered', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(portal().url);
    await settled(page);
    const large = page.getByRole('button', { name: '大字' });
    expect(await large.getAttribute('aria-pressed')).toBe('false');
    const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    await large.click();
    expect(await large.getAttribute('aria-pressed')).toBe('true');
    const after = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(after).toBeGreaterThanOrEqual(20);
    expect(after).toBeGreaterThan(before);
    const inputHeight = await page.getByRole('searchbox').evaluate((el) => el.getBoundingClientRect().height);
    expect(inputHeight).toBeGreaterThanOrEqual(48);

    await page.getByRole('button', { name: '高对比' }).click();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');

    await page.reload();
    await settled(page);
    expect(await page.getByRole('button', { name: '大字' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('button', { name: '高对比' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.dataset.font)).toBe('large');

    // Remembered across pages too, and switched off with the same toggle.
    await page.getByRole('link', { name: '政府公报', exact: true }).click();
    await page.waitForURL(/\/issues$/);
    await settled(page);
    await page.getByRole('button', { name: '大字' }).click();
    await page.getByRole('button', { name: '高对比' }).click();
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBe(before);
    await ctx.close();
  });

  it('window mode: compact and driven from the keyboard', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(`${portal().url}/search?q=${encodeURIComponent('校车')}`);
    await settled(page);
    await page.getByRole('button', { name: '窗口模式' }).click();
    await page.getByText('窗口模式 · 按 / 搜索').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    expect('data-search-input' in (await focused(page)).attr).toBe(true);
    await page.keyboard.type('驾驶资格');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '“驾驶资格”的搜索结果' }).waitFor();
    await settled(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    const first = await focused(page);
    await page.keyboard.press('j');
    const second = await focused(page);
    expect(first.attr['data-nav-item']).toBe('');
    expect(second.attr['data-nav-item']).toBe('');
    expect(second.attr.href).not.toBe(first.attr.href);
    await page.keyboard.press('k');
    expect((await focused(page)).attr.href).toBe(first.attr.href);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/documents\/\d+#/);
    await settled(page);
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: '键盘快捷键' }).waitFor();
    await ctx.close();
  });

  it('phone: one column, a menu button, and a folding table of contents', async () => {
    const ctx = await phoneContext(browser());
    const page = await ctx.newPage();
    await page.goto(portal().url);
    await settled(page);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.isVisible()).toBe(false);
    const menu = page.getByRole('button', { name: '菜单' });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: '文件库' }).click();
    await page.waitForURL(/\/documents$/);
    await settled(page);
    expect(await nav.isVisible()).toBe(false);

    const id = await portal().documentId('聊政字〔2023〕9号');
    await page.goto(`${portal().url}/documents/${id}`);
    await settled(page);
    expect(await overflow()).toBeLessThanOrEqual(0);
    const tocButton = page.getByRole('button', { name: '目录' });
    expect(await tocButton.getAttribute('aria-expanded')).toBe('false');
    const toc = page.getByRole('navigation', { name: '目录' });
    expect(await toc.getByRole('link', { name: /^第三十条/ }).isVisible()).toBe(false);
    await tocButton.click();
    await toc.getByRole('link', { name: /^第三十条/ }).click();
    await page.waitForFunction(() => decodeURIComponent(location.hash) === '#第三十条');
    const box = await page.locator('[id="第三十条"]').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(PHONE.height / 2);
    // The text column uses the width of the phone.
    const main = await page.locator('.document-main').boundingBox();
    expect(main!.width).toBeGreaterThan(PHONE.width - 40);
    await ctx.close();
  });
});

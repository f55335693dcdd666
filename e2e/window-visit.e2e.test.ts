import type { BrowserContext } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { AccountRow } from '../src/features/accounts/accounts.repository.ts';
import { axe } from './support/axe.ts';
import { newContext } from './support/browser.ts';
import { settled, visit } from './support/page.ts';
import { PASSWORD, signIn } from './support/staff.ts';
import { describeInBrowser } from './support/suite.ts';

/** A sample enterprise of data/profiles/enterprises.json (fictional), with a profile on file. */
const USCC = '913715001131736374';
const NAME = '山东临清汇通轴承集团有限公司';
const PURPOSE = '企业技改奖补咨询';

/** Large font (适老化), as the settings switch stores it. */
async function largeFont(ctx: BrowserContext): Promise<void> {
  const settings = JSON.stringify({ largeFont: true, highContrast: false, windowMode: false });
  await ctx.addInitScript((s) => window.localStorage.setItem('zct.settings.v1', s), settings);
}

describeInBrowser('window visits and “my data” in the browser', ({ portal, browser }) => {
  const people: Record<'officer' | 'enterprise', AccountRow> = {} as never;

  beforeAll(async () => {
    people.officer = await portal().accounts.createAccount({
      username: 'zhou-window',
      displayName: '周窗口',
      kind: 'window',
      departmentCode: 'lc-zwfw',
      password: PASSWORD,
    });
    people.enterprise = await portal().accounts.createAccount({
      username: 'huitong-admin',
      displayName: NAME,
      kind: 'enterprise',
      uscc: USCC,
      enterpriseRole: 'admin',
      password: PASSWORD,
    });
  });

  it('an officer starts a visit with consent, reads the profile and matches, ends it; the enterprise sees the reads', async () => {
    const ctx = await newContext(browser());
    await largeFont(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await signIn(page, portal(), people.officer.username, { returnTo: '/staff/window' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('窗口代办');

    // Consent must be confirmed before the visit starts.
    // antd's radio buttons hide the input: a finger (or the mouse) presses the label.
    await page.locator('.wv-fieldset').first().getByText('企业', { exact: true }).click();
    await page.getByLabel('办事企业统一社会信用代码').fill(USCC);
    await page.getByLabel('办理事项').fill(PURPOSE);
    await expect.poll(() => page.locator('#wv-consent-text').textContent()).toContain(PURPOSE);
    const startButton = page.getByRole('button', { name: '开始代办' });
    // Large buttons: at least 48 px high in large-font mode.
    expect((await startButton.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await startButton.click();
    await expect.poll(() => page.getByText('请先向办事人宣读授权告知').isVisible()).toBe(true);
    expect((await axe(page)).blocking).toEqual([]);
    await page.getByText('已取得办事人同意', { exact: true }).click();
    await startButton.click();
    await page.getByRole('heading', { name: `代办中：企业 ${USCC}` }).waitFor();

    await page.getByRole('button', { name: '查看画像' }).click();
    await page.getByRole('heading', { name: `办事人画像：${NAME}` }).waitFor();
    await page.getByRole('button', { name: '匹配政策' }).click();
    await page.getByRole('heading', { name: '为办事人匹配的政策' }).waitFor();
    await settled(page);
    expect((await axe(page)).blocking).toEqual([]);

    await page.getByRole('button', { name: '结束代办' }).click();
    await page.getByText('代办已结束，办事人的数据已不可查看。').waitFor();
    await page.getByRole('button', { name: '返回' }).click();
    await expect.poll(() => page.getByText('目前没有正在办理的代办。').isVisible()).toBe(true);
    await ctx.close();

    // The enterprise sees who read its data, when and why, and switches personalised push off.
    const ent = await newContext(browser());
    const mine = await ent.newPage();
    mine.setDefaultTimeout(8000);
    await signIn(mine, portal(), people.enterprise.username, { returnTo: '/me/data' });
    expect(await mine.getByRole('heading', { level: 1 }).textContent()).toBe('我的数据');
    const table = mine.getByRole('table', { name: '数据使用记录，最新的在前' });
    await table.waitFor();
    const rows = table.getByRole('row');
    // Header, then newest first: the end, the match, the read, the start.
    expect(await rows.count()).toBe(5);
    expect(await rows.nth(1).textContent()).toContain('窗口代办结束');
    expect(await rows.nth(3).textContent()).toMatch(
      /周窗口（窗口工作人员，聊城市政务服务中心）.*查看画像.*企业技改奖补咨询/,
    );
    expect(await rows.nth(4).textContent()).toContain('窗口代办开始');

    const push = mine.getByRole('switch', { name: '根据我的画像推送适合的政策' });
    expect(await push.getAttribute('aria-checked')).toBe('true');
    await push.focus();
    await mine.keyboard.press('Space');
    await expect.poll(() => mine.getByText('已关闭', { exact: true }).isVisible()).toBe(true);
    await expect.poll(() => rows.nth(1).textContent()).toContain('修改个性化推送设置');
    await visit(mine, portal().url, '/me/data');
    expect(
      await mine.getByRole('switch', { name: '根据我的画像推送适合的政策' }).getAttribute('aria-checked'),
    ).toBe('false');
    expect((await axe(mine)).blocking).toEqual([]);
    await ent.close();
  }, 90_000);

  it('tells an officer that “my data” is for persons and enterprises', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await signIn(page, portal(), people.officer.username, { returnTo: '/me/data' });
    await expect.poll(() => page.getByText('“我的数据”供自然人和企业账号使用').isVisible()).toBe(true);
    await ctx.close();
  });
});

import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { AccountRow } from '../src/features/accounts/accounts.repository.ts';
import { axe } from './support/axe.ts';
import { newContext, phoneContext } from './support/browser.ts';
import { decodedPath, focused, settled, visit } from './support/page.ts';
import {
  apiAs,
  approveInPage,
  createPerson,
  createStaff,
  decisionSection,
  openReviewFromQueue,
  rejectInPage,
  sampleDefinition,
  saveAndSubmit,
  signIn,
  signOut,
  type ApiCaller,
} from './support/staff.ts';
import { describeInBrowser } from './support/suite.ts';

/** 创新券 is maintained by 聊城市工业和信息化局 (lc-gxj in data/departments.json). */
const CODE = 'LC-GX-CXQ';
const DEPARTMENT = 'lc-gxj';
const PUBLISHED_NAME = '创新服务券（数字化转型）';
const REJECTION = '名称应注明适用年度，并与政策依据的表述一致';

const axeBlocking = async (page: Page) => (await axe(page)).blocking;
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describeInBrowser('the staff console: sign-in, the review queue and the decision', ({ portal, browser }) => {
  let editor: ApiCaller;
  let original: Record<string, unknown>;
  const people: Record<'editor' | 'reviewer' | 'person', AccountRow> = {} as never;

  beforeAll(async () => {
    people.editor = await createStaff(portal(), {
      username: 'wang-editor',
      displayName: '王编辑',
      department: DEPARTMENT,
      roles: ['editor'],
    });
    people.reviewer = await createStaff(portal(), {
      username: 'zhao-reviewer',
      displayName: '赵审核',
      department: DEPARTMENT,
      roles: ['reviewer'],
    });
    people.person = await createPerson(portal(), 'zhang-san', '张三');
    editor = await apiAs(portal(), people.editor);
    original = sampleDefinition(CODE);
  });

  it(
    'a reviewer rejects a submitted revision with a comment, then approves the next; the public sees it',
    {
      timeout: 90_000,
    },
    async () => {
      // The editor revises the published item and submits it (over the API, as another browser would).
      const v2 = await saveAndSubmit(editor, { ...original, name: '聊城市中小企业创新券' });
      expect(v2).toBe(2);

      const ctx = await newContext(browser());
      const page = await ctx.newPage();

      // Signed out, the console says to sign in first, and its link comes back here afterwards.
      await visit(page, portal().url, '/staff/review');
      expect(await heading(page)).toBe('请先登录');
      await page.getByRole('link', { name: '去登录' }).click();
      await page.waitForURL(/\/signin\?returnTo=/);
      await settled(page);
      expect(decodedPath(page)).toBe('/signin?returnTo=/staff/review');
      await signIn(page, portal(), 'zhao-reviewer', { returnTo: '/staff/review' });
      expect(decodedPath(page)).toBe('/staff/review');
      expect(await page.title()).toBe('待审核 - 政策通');
      expect(await page.locator('.account-name').textContent()).toBe('赵审核（聊城市工业和信息化局）');

      // The reviewer's console: worklist, review and the documents they decide on, not the window.
      const consoleNav = page.getByRole('navigation', { name: '工作台导航' });
      expect(await consoleNav.getByRole('link').allTextContents()).toEqual(['工作台', '审核', '文件']);
      expect(await page.getByRole('status').filter({ hasText: '待审核' }).textContent()).toBe('1 项待审核');
      expect(await axeBlocking(page)).toEqual([]);

      // The queue names the item as the public knows it; the new name is what is under review.
      expect(await page.locator(`.staff-card[data-code="${CODE}"] h2`).textContent()).toBe(PUBLISHED_NAME);
      await openReviewFromQueue(page, portal(), CODE);
      expect(await heading(page)).toBe(`审核：${PUBLISHED_NAME}`);
      // The submitted version, readable as the public page would show it.
      const content = page.getByRole('region', { name: '提交审核的内容（第 2 版）' });
      expect(await content.getByRole('heading', { name: '办理条件' }).count()).toBe(1);
      expect(await content.locator('li.condition').count()).toBeGreaterThan(0);
      // Side by side against the published version: the old name on the left, the new on the right.
      const diff = page.getByRole('region', { name: '与已发布的第 1 版对照' });
      const changed = diff.locator('tbody tr').filter({ has: page.locator('del') });
      const row = changed.filter({ hasText: '"name"' });
      expect(await row.locator('del').textContent()).toBe(`−删除：  "name": "${PUBLISHED_NAME}",`);
      expect(await row.locator('ins').textContent()).toBe('+新增：  "name": "聊城市中小企业创新券",');
      expect(await diff.getByRole('button', { name: /展开未改动的 \d+ 行/ }).count()).toBeGreaterThan(0);
      // Opening a fold from the keyboard shows its lines and leaves focus on the first of them, not on the page.
      const fold = diff.getByRole('button', { name: /展开未改动的 \d+ 行/ }).first();
      const folded = Number(/\d+/.exec((await fold.textContent())!)![0]);
      const rows = await diff.locator('tbody tr').count();
      await fold.focus();
      await page.keyboard.press('Enter');
      expect(await diff.locator('tbody tr').count()).toBe(rows - 1 + folded);
      expect(await page.evaluate(() => document.activeElement?.closest('.diff-table tbody') !== null)).toBe(
        true,
      );
      expect(await axeBlocking(page)).toEqual([]);

      // Rejecting needs a comment: the field says so, and keeps focus.
      const decision = decisionSection(page);
      const comment = decision.getByRole('textbox', { name: '审核意见' });
      await decision.getByRole('button', { name: '退回修改' }).click();
      expect(await decision.getByRole('alert').textContent()).toBe('退回时必须填写审核意见');
      expect(await comment.getAttribute('aria-invalid')).toBe('true');
      expect((await focused(page)).id).toBe('review-comment');
      await rejectInPage(page, REJECTION);
      expect(await page.locator('.review-outcome').textContent()).toMatch(/第 2 版已退回/);
      expect(await decisionSection(page).count()).toBe(0);
      const history = page.getByRole('region', { name: '版本与审核记录' });
      const rejected = history.locator('[data-version="2"]');
      expect(await rejected.locator('h3').textContent()).toMatch(/第 2 版已退回/);
      expect(await rejected.locator('.review-event-reject').textContent()).toMatch(
        new RegExp(`赵审核 退回.*意见：${REJECTION}`),
      );

      // The editor revises again and resubmits; the reviewer approves it through the page.
      const v3 = await saveAndSubmit(editor, { ...original, name: '聊城市中小企业创新券（2023年）' });
      expect(v3).toBe(3);
      await openReviewFromQueue(page, portal(), CODE);
      expect(
        await page.locator('.review-page > .staff-card-meta .review-state-submitted').textContent(),
      ).toBe('第 3 版待审核');
      await approveInPage(page, '同意发布');
      expect(await page.locator('.review-outcome').textContent()).toMatch(/第 3 版已审核通过并发布/);

      // The public item page shows the new version.
      await page.locator('.review-outcome').getByRole('link', { name: '查看公开页面' }).click();
      await page.waitForURL(new RegExp(`/items/${CODE}$`));
      await settled(page);
      expect(await heading(page)).toBe('聊城市中小企业创新券（2023年）');
      const versions = page.getByRole('region', { name: '版本记录' });
      expect(await versions.locator('[aria-current="true"]').textContent()).toMatch(/第 3 版当前版本/);

      // Its history in the console: every version, the rejection with its comment, the approval.
      await visit(page, portal().url, `/staff/items/${CODE}`);
      const all = page.getByRole('region', { name: '版本与审核记录' });
      expect(
        await all.locator('[data-version]').evaluateAll((els) => els.map((e) => e.dataset.version)),
      ).toEqual(['3', '2', '1']);
      expect(await all.locator('[data-version="3"] h3').textContent()).toMatch(/第 3 版已通过公开版本/);
      expect(await all.locator('[data-version="3"] .review-event-approve').textContent()).toMatch(
        /赵审核 审核通过.*意见：同意发布/,
      );
      expect(await all.locator('[data-version="2"] .review-event-reject').textContent()).toMatch(REJECTION);

      // 公示 lists the publication first.
      await visit(page, portal().url, '/changes');
      const first = page.locator('.changes-list > li').first();
      expect(await first.textContent()).toMatch(
        /聊城市中小企业创新券（2023年）审核通过并发布LC-GX-CXQ 第 3 版/,
      );
      expect(await axeBlocking(page)).toEqual([]);
      await ctx.close();
    },
  );

  it('an editor works from the worklist; the console offers only the editor’s parts', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await signIn(page, portal(), 'wang-editor');
    // No returnTo: staff land on the console.
    expect(decodedPath(page)).toBe('/staff');
    expect(await heading(page)).toBe('本部门政策事项');
    const consoleNav = page.getByRole('navigation', { name: '工作台导航' });
    expect(await consoleNav.getByRole('link').allTextContents()).toEqual(['工作台', '文件']);
    const cards = page.locator('.staff-card');
    expect(await cards.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code).sort())).toEqual([
      'LC-GX-CXQ',
      'LC-GX-JSGZ',
      'LC-GX-ZNGC',
    ]);
    const item = page.locator(`.staff-card[data-code="${CODE}"]`);
    expect(await item.getByRole('link', { name: /^编辑/ }).getAttribute('href')).toBe(
      `/staff/items/${CODE}/edit`,
    );
    expect(await page.getByRole('link', { name: '新建政策事项' }).getAttribute('href')).toBe(
      '/staff/items/new',
    );
    expect(await page.getByRole('link', { name: '拆分为政策事项' }).getAttribute('href')).toBe(
      '/staff/split',
    );
    // Below the items, what the validity job lists for the department: no document of its own is overdue (the
    // sample gazette's documents belong to no department), and what ends within 30 days.
    const overdue = page.getByRole('region', { name: '逾期未上线的政策文件' });
    await overdue.getByText('本部门没有逾期未上线的政策文件。').waitFor();
    expect(await overdue.textContent()).toContain('印发后7个工作日内应完成政策事项拆分并上线');
    expect(await page.getByRole('region', { name: '即将到期（有效期届满评估）' }).count()).toBe(1);
    expect(await axeBlocking(page)).toEqual([]);

    // A draft saved elsewhere is submitted from the worklist.
    const factory = sampleDefinition('LC-GX-ZNGC');
    await editor.ok('POST', '/api/items', { ...factory, summary: `${String(factory.summary)}（修订）` });
    await visit(page, portal().url, '/staff/items/LC-GX-ZNGC');
    await page.getByRole('link', { name: '工作台' }).first().click();
    await page.waitForURL((url) => url.pathname === '/staff');
    await settled(page);
    const draft = page.locator('.staff-card[data-code="LC-GX-ZNGC"]');
    expect(await draft.locator('.review-state').textContent()).toBe('草稿');
    await draft.getByRole('button', { name: '提交“智能工厂、数字化车间培育”审核' }).click();
    await page.getByRole('status').getByText('“智能工厂、数字化车间培育”第 2 版已提交审核。').waitFor();
    await draft.locator('.review-state', { hasText: '待审核' }).waitFor();
    // Under review, the item cannot be edited: the worklist no longer offers it.
    expect(await draft.getByRole('link', { name: /^编辑/ }).count()).toBe(0);

    // The review queue is not the editor's: the API refuses, and the page says so in words.
    await visit(page, portal().url, '/staff/review');
    expect(await page.locator('.access-refused h2').textContent()).toBe('当前账号无权访问');
    expect(await page.locator('.access-refused').getByRole('link', { name: '换个账号登录' }).count()).toBe(1);
    await ctx.close();
  });

  it('refuses the console to a non-staff account with a clear message, and signs out', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await visit(page, portal().url, '/items');
    await page.getByRole('link', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/signin/);
    await settled(page);
    expect(decodedPath(page)).toBe('/signin?returnTo=/items');
    await signIn(page, portal(), 'zhang-san', { returnTo: '/items' });
    expect(decodedPath(page)).toBe('/items');
    const account = page.getByRole('group', { name: '账号' });
    expect(await account.locator('.account-name').textContent()).toBe('张三');
    expect(await account.getByRole('link', { name: '我的数据' }).count()).toBe(1);
    expect(await account.getByRole('link', { name: '工作台' }).count()).toBe(0);

    await visit(page, portal().url, '/staff');
    expect(await heading(page)).toBe('当前账号不能使用工作台');
    expect(await page.title()).toBe('当前账号不能使用工作台 - 政策通');
    expect(await page.locator('.access-refused').textContent()).toMatch(/您当前登录的是个人账号“张三”/);
    expect(await page.getByRole('link', { name: '换个账号登录' }).getAttribute('href')).toBe(
      '/signin?returnTo=%2Fstaff',
    );
    expect(await axeBlocking(page)).toEqual([]);

    await signOut(page);
    expect(await page.getByRole('status').filter({ hasText: '您已退出登录' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '登录', exact: true }).count()).toBe(1);
    const session = await page.evaluate(() =>
      fetch('/api/session').then((r) => r.json() as Promise<{ signedIn: boolean }>),
    );
    expect(session).toMatchObject({ signedIn: false });
    await visit(page, portal().url, '/staff');
    expect(await heading(page)).toBe('请先登录');
    await ctx.close();
  });

  it('resets a forgotten password with the code sent to the account, on a phone', async () => {
    await createPerson(portal(), 'li-si', '李四', '11010519491231002X');
    const ctx = await phoneContext(browser());
    const page = await ctx.newPage();
    await visit(page, portal().url, '/signin');
    expect(await axeBlocking(page)).toEqual([]);
    await page.getByRole('button', { name: '忘记密码' }).click();
    const reset = page.getByRole('region', { name: '重设密码' });
    expect((await focused(page)).text).toBe('重设密码');
    await reset.getByLabel('用户名').fill('li-si');
    await reset.getByRole('button', { name: '发送重设码' }).click();
    await reset.getByText('重设码已发送').waitFor();
    const message = portal().messages.findLast((m) => m.recipient === 'li-si');
    const code = /重设码：(\S+?)（/.exec(message?.body ?? '')?.[1];
    expect(code).toBeTruthy();

    await reset.getByLabel('重设码').fill(code!);
    await reset.getByLabel('新密码', { exact: true }).fill('New-password-2024');
    await reset.getByLabel('再次输入新密码').fill('New-password-2025');
    await reset.getByRole('button', { name: '设置新密码' }).click();
    expect(await reset.getByText('两次输入的密码不一致').count()).toBe(1);
    await reset.getByLabel('再次输入新密码').fill('New-password-2024');
    await reset.getByRole('button', { name: '设置新密码' }).click();
    await page.getByRole('status').filter({ hasText: '密码已重设' }).waitFor();

    // Keyboard only: the new password signs in, and a citizen lands on the home page.
    await page.getByLabel('用户名').focus();
    await page.keyboard.type('li-si');
    await page.keyboard.press('Tab');
    await page.keyboard.type('New-password-2024');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await settled(page);
    await page.getByRole('button', { name: '菜单' }).click();
    expect(await page.locator('.account-name').textContent()).toBe('李四');
    await ctx.close();
  });

  it('offers the unified identity when the server has it, and says why it sent the visitor back', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    // Without a configured provider the button is not offered.
    await visit(page, portal().url, '/signin');
    expect(await page.getByRole('link', { name: '统一身份认证登录' }).count()).toBe(0);

    // As a server with the province's provider configured answers (oidc.routes.ts).
    await page.route('**/api/session/providers', (route) =>
      route.fulfill({ json: { oidc: { enabled: true, name: '山东省统一身份认证' } } }),
    );
    // The server knows the new sections: 200, not the portal's 404 for unknown paths (src/http/plugins/web.ts).
    const answer = await page.goto(`${portal().url}/signin?returnTo=/staff/review&error=oidc_denied`);
    expect(answer?.status()).toBe(200);
    await settled(page);
    const oidc = page.getByRole('link', { name: '统一身份认证登录' });
    expect(await oidc.getAttribute('href')).toBe('/api/session/oidc/start?returnTo=%2Fstaff%2Freview');
    expect(await page.getByText('使用山东省统一身份认证账号登录').count()).toBe(1);
    expect(await page.getByRole('alert').textContent()).toMatch(/已在统一身份认证中取消登录/);
    expect(await axeBlocking(page)).toEqual([]);

    // A code the page does not know is never echoed: it gets the general message.
    await page.goto(`${portal().url}/signin?error=${encodeURIComponent('<b>伪造的提示</b>')}`);
    await settled(page);
    expect(await page.getByRole('alert').textContent()).toMatch(/统一身份认证登录未能完成，请重新登录/);
    expect(await page.getByText('伪造的提示').count()).toBe(0);
    await ctx.close();
  });

  // Last: failures count against the address too (docs/access.md, "Throttling"), and 5 lock it for 15 minutes.
  it('says why a sign-in failed: missing fields, a wrong password, and a lock with the time to retry', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await visit(page, portal().url, '/signin?returnTo=/staff');
    expect(await axeBlocking(page)).toEqual([]);

    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText('请输入用户名').waitFor();
    expect(await page.getByText('请输入密码').count()).toBe(1);

    await page.getByLabel('用户名').fill('zhao-reviewer');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const alert = page.locator('.signin-panel .ant-alert[role="alert"]');
    await alert.getByText('用户名或密码不正确').waitFor();
    expect(await alert.textContent()).toMatch(/连续输错 5 次，账号将暂时锁定 15 分钟/);
    expect(decodedPath(page)).toBe('/signin?returnTo=/staff');
    // The password field is emptied for the next try.
    expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('');

    let locked = '';
    for (let attempt = 0; attempt < 6 && !locked; attempt++) {
      await page.getByLabel('密码', { exact: true }).fill(`wrong-${attempt}`);
      const answer = page.waitForResponse(
        (r) => r.url().endsWith('/api/session') && r.request().method() === 'POST',
      );
      await page.getByRole('button', { name: '登录', exact: true }).click();
      if ((await answer).status() === 429) {
        await alert.getByText('登录失败次数过多').waitFor();
        locked = (await alert.textContent()) ?? '';
      }
    }
    expect(locked).toMatch(/请于 \d{2}:\d{2} 之后（约 15 分钟后）再试，或通过“忘记密码”重设密码/);
    await ctx.close();
  });
});

import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { AccountRow } from '../src/features/accounts/accounts.repository.ts';
import { axe } from './support/axe.ts';
import { newContext, phoneContext } from './support/browser.ts';
import {
  acceptAllSuggestions,
  acceptSuggestion,
  addExample,
  DRIVER_FACTS,
  fillField,
  openSplitPage,
  runExamplesInPage,
  splitPath,
  submitInPage,
  suggestions,
} from './support/editor.ts';
import { focused, settled, visit } from './support/page.ts';
import { apiAs, createStaff, signIn } from './support/staff.ts';
import { describeInBrowser } from './support/suite.ts';

/** 校车驾驶资格 (LC-XC-JSZG) is maintained by 聊城市公安局交通警察支队 (lc-gaj-jj in data/departments.json). */
const DEPARTMENT = 'lc-gaj-jj';
const DOC = '聊政字〔2023〕9号';
const CODE = 'LC-XC-JSZG-2';

interface Definition {
  rule: { op: string; of: { id?: string; cite?: unknown; of?: { id?: string; cite?: unknown }[] }[] };
  materials: { name: string; proves: string[] }[];
  limits: { statutoryDays?: number };
  departments: { lead: string };
}

describeInBrowser(
  'the item editor: 拆分为政策事项 from an article, the rule builder, examples before submitting',
  ({ portal, browser }) => {
    let editor: AccountRow;

    beforeAll(async () => {
      editor = await createStaff(portal(), {
        username: 'jj-editor',
        displayName: '李编辑',
        department: DEPARTMENT,
        roles: ['editor'],
      });
    });

    it('an editor splits 9号 第三十条 into an item, completes it, runs its examples and submits it for review', async () => {
      const ctx = await newContext(browser());
      const page = await ctx.newPage();
      await signIn(page, portal(), 'jj-editor');
      await openSplitPage(page, portal(), DOC, '第三十条');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('拆分为政策事项');
      // The article beside the form, and what was read in it.
      expect(await page.getByRole('region', { name: '原文：第三十条' }).textContent()).toContain(
        '取得相应准驾车型驾驶证并具有三年以上驾驶经历',
      );
      const panel = suggestions(page);
      expect(await panel.textContent()).toContain('规则：年龄在25周岁以上、不超过60周岁');

      // One by one: the name, then ignore the 事项类型 guess and set it by hand; then everything else.
      await acceptSuggestion(page, '校车驾驶资格');
      expect(await page.getByLabel('事项名称', { exact: true }).inputValue()).toBe('校车驾驶资格');
      expect((await focused(page)).text).toBe('已采纳');
      await panel.getByRole('button', { name: '忽略：资质' }).click();
      expect(await page.getByLabel('事项类型').inputValue()).toBe('');
      await acceptAllSuggestions(page);

      // The examples cannot be run into a submission yet: the button says why.
      const submit = page.getByRole('button', { name: '提交审核' });
      expect(await submit.isDisabled()).toBe(true);
      expect(await page.locator('#ie-submit-why').textContent()).toBe('提交审核前须至少添加一个测试样例');

      // What the suggestions leave: the code, the name as the guide prints it, kind, summary and fees.
      await fillField(page, '事项编码', CODE.toLowerCase());
      expect(await page.getByLabel('事项编码', { exact: true }).inputValue()).toBe(CODE);
      await fillField(page, '事项名称', '校车驾驶资格许可（拆分）');
      await page.getByLabel('事项类型').selectOption({ label: '资质' });
      await fillField(page, '事项简介', '机动车驾驶人申请取得校车驾驶资格。');
      await fillField(page, '收费说明', '原文未规定收费');

      // 取得相应准驾车型驾驶证 was not turned into a rule: the editor adds it to the group of 第三十条（一）.
      const builder = page.locator('.rule-builder');
      await builder.getByRole('button', { name: '在“条件组1”中添加条件', exact: true }).click();
      const group1 = builder.locator('li.rb-node-group').first();
      const added = group1.locator('li.rb-node-leaf').last();
      expect(await added.getByLabel('变量').evaluate((el) => el === document.activeElement)).toBe(true);
      await added.getByLabel('变量').selectOption({ label: '准驾车型' });
      await added.getByLabel('关系').selectOption({ label: '属于其中之一' });
      for (const c of ['A2', 'A3', 'B1']) await added.getByRole('checkbox', { name: c }).check();
      await added.getByLabel('条件编号').fill('licence');
      await added.getByLabel('条件名称').fill('准驾车型');
      // The Chinese rendering follows the edits, for the condition and for the whole rule.
      expect(await added.getByTestId('condition-reading').textContent()).toMatch(
        /：准驾车型为A1、A2、A3或B1$/,
      );
      expect(await page.getByTestId('rule-reading').textContent()).toContain('准驾车型为A1、A2、A3或B1');

      // Moved by keyboard to the top of its group, focus staying on its move button.
      await added.getByRole('button', { name: /^上移条件1\.3$/ }).focus();
      await page.keyboard.press('Alt+ArrowUp');
      await page.keyboard.press('Alt+ArrowUp');
      const top = group1.locator('li.rb-node-leaf').first();
      expect(await top.getByLabel('条件编号').inputValue()).toBe('licence');
      expect((await focused(page)).attr['aria-label']).toBe('下移条件1.1');

      await addExample(page, {
        name: '驾龄十年、无不良记录的B1驾驶人符合条件',
        expected: '符合',
        facts: DRIVER_FACTS,
      });
      expect(await page.locator('#ie-submit-why').textContent()).toBe('提交审核前须运行示例，且全部通过');
      await addExample(page, {
        name: '只持C1驾驶证的不符合',
        expected: '符合',
        facts: DRIVER_FACTS.map(([k, v]) => [k, k === '准驾车型' ? 'C1' : v]),
      });
      // A wrong expectation fails, with the reason, and keeps submission closed.
      expect(await runExamplesInPage(page)).toBe('1 个示例通过，1 个未通过');
      expect(await page.locator('li.ie-example').nth(1).locator('.ie-fail').textContent()).toContain(
        '结果应为“符合”，实际为“不符合”',
      );
      expect(await submit.isDisabled()).toBe(true);
      expect(await page.locator('#ie-submit-why').textContent()).toBe('有示例未通过，全部通过后才能提交审核');
      await page.locator('li.ie-example').nth(1).getByLabel('预期结果').selectOption({ label: '不符合' });
      expect(await page.locator('#ie-submit-why').textContent()).toBe('规则或样例已修改，请重新运行示例');
      expect(await runExamplesInPage(page)).toBe('2 个示例全部通过');
      expect(await submit.isDisabled()).toBe(false);

      // Accessible as it stands, with every suggestion decided and the builder open.
      expect((await axe(page)).blocking).toEqual([]);

      expect(await submitInPage(page)).toMatch(/^已提交审核（第1版）/);
      await ctx.close();

      // Over the API: version 1 is submitted for review, with the accepted conditions citing 第三十条.
      const api = await apiAs(portal(), editor);
      const history = await api.ok<{ versions: { version: number; reviewState: string }[] }>(
        'GET',
        `/api/items/${CODE}/history`,
      );
      expect(history.versions.map((v) => [v.version, v.reviewState])).toEqual([[1, 'submitted']]);
      const { definition } = await api.ok<{ definition: Definition }>('GET', `/api/items/${CODE}/versions/1`);
      const groups = definition.rule.of;
      expect(groups.map((g) => g.cite)).toEqual(
        [1, 2, 3, 4, 5, 6].map((i) => ({ doc: DOC, article: 30, items: [i] })),
      );
      expect(groups[0]!.of!.map((c) => c.id)).toEqual(['licence', 'drivingYears', 'age']);
      expect(definition.materials.map((m) => m.name)).toContain('公安机关交通管理部门审核意见');
      expect(definition.limits.statutoryDays).toBe(5);
      expect(definition.departments.lead).toBe('县级公安机关交通管理部门');
    }, 120_000);

    it('revises a published item of the department: its rule in the builder, its examples run, a removal keeps focus', async () => {
      const ctx = await newContext(browser());
      const page = await ctx.newPage();
      await signIn(page, portal(), 'jj-editor');
      await visit(page, portal().url, '/staff/items/LC-XC-JSZG/edit');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('修改政策事项 LC-XC-JSZG');
      expect(await page.getByLabel('事项编码', { exact: true }).isDisabled()).toBe(true);
      const builder = page.locator('.rule-builder');
      expect(await builder.locator('li.rb-node-leaf').count()).toBe(9);
      expect(await page.getByTestId('rule-reading').textContent()).toContain(
        '年龄在25周岁以上、不超过60周岁',
      );
      expect(await runExamplesInPage(page)).toBe('6 个示例全部通过');
      expect(await page.getByRole('button', { name: '提交审核' }).isDisabled()).toBe(false);

      // Removing a condition hands focus to its group's "add" button; the examples must then run again.
      await builder.getByRole('button', { name: '删除条件9' }).click();
      expect((await focused(page)).text).toBe('在“全部条件”中添加条件');
      expect(await builder.locator('li.rb-node-leaf').count()).toBe(8);
      expect(await page.locator('#ie-submit-why').textContent()).toBe('规则或样例已修改，请重新运行示例');
      await ctx.close();
    });

    it('opens an article directly, on a phone, in large-font mode, and names a missing field on save', async () => {
      const ctx = await phoneContext(browser());
      await ctx.addInitScript(() =>
        localStorage.setItem('zct.settings.v1', JSON.stringify({ largeFont: true })),
      );
      const page = await ctx.newPage();
      await signIn(page, portal(), 'jj-editor');
      await visit(page, portal().url, await splitPath(portal(), DOC, 30));
      await suggestions(page).waitFor();
      await acceptAllSuggestions(page);
      await page.getByRole('button', { name: '保存草稿' }).click();
      const problems = page.getByRole('alert').filter({ hasText: /处需要修改/ });
      await problems.waitFor();
      expect(await problems.textContent()).toContain('事项编码：事项编码应为大写字母、数字和连字符');
      expect(await page.getByLabel('事项编码', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      // Nothing wider than the phone's screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await settled(page);
      expect(await phoneAxe(page)).toEqual([]);
      await ctx.close();
    });
  },
);

const phoneAxe = async (page: Page) => (await axe(page)).blocking;

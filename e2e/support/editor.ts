import type { Locator, Page } from 'playwright-core';
import { decodedPath, settled, visit } from './page.ts';
import type { Portal } from './server.ts';

/**
 * The item editor's steps, as an editor takes them in the page (web/src/pages/staff/ItemEditorPage.tsx): open
 * 拆分为政策事项 for an article found by its 文号, accept the suggestions, fill what they leave, add a condition
 * and examples, run the examples, and save and submit for review. The review's steps are in staff.ts.
 */

/** Opens /staff/split, finds the document by its 文号 and picks the article (第三十条); waits for the suggestions. */
export async function openSplitPage(
  page: Page,
  portal: Portal,
  docNumber: string,
  article: string,
): Promise<void> {
  await visit(page, portal.url, '/staff/split');
  await page.getByRole('textbox', { name: '文号' }).fill(docNumber);
  await page.getByRole('button', { name: '查找' }).click();
  await page.waitForURL(/[?&]document=\d+/);
  const select = page.getByLabel('条文');
  const option = select.locator('option', { hasText: new RegExp(`^${article} `) });
  await select.selectOption({ value: (await option.getAttribute('value'))! });
  await page.waitForURL(/[?&]article=\d+/);
  await settled(page);
  await suggestions(page).waitFor();
}

export const suggestions = (page: Page): Locator => page.getByRole('region', { name: '拆分建议' });

/** Accepts one suggestion by its title (the button is named 采纳：<title>). */
export async function acceptSuggestion(page: Page, title: string | RegExp): Promise<void> {
  const name = typeof title === 'string' ? `采纳：${title}` : new RegExp(`^采纳：${title.source}`);
  await suggestions(page)
    .getByRole('button', { name, exact: typeof title === 'string' })
    .click();
}

/** Accepts every suggestion not yet decided; resolves when none is left. */
export async function acceptAllSuggestions(page: Page): Promise<void> {
  await suggestions(page)
    .getByRole('button', { name: /^采纳其余 \d+ 项建议$/ })
    .click();
  await suggestions(page).getByRole('status').getByText('全部建议已确认').waitFor();
}

/** Fills a text field of the form by its label. */
export async function fillField(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

export interface ExampleSpec {
  name: string;
  expected: '符合' | '不符合' | '待补充信息';
  /** Variable label (as the catalogue names it) → value as typed. */
  facts: [string, string][];
}

/** Adds an example with its facts at the end of the examples. */
export async function addExample(page: Page, ex: ExampleSpec): Promise<void> {
  const section = page.getByRole('region', { name: '测试样例' });
  await section.getByRole('button', { name: '添加样例' }).click();
  const n = await section.locator('li.ie-example').count();
  const row = section.locator('li.ie-example').nth(n - 1);
  await row.getByLabel(`样例${n}名称`).fill(ex.name);
  await row.getByLabel('预期结果').selectOption({ label: ex.expected });
  for (const [i, [variable, value]] of ex.facts.entries()) {
    await row.getByRole('button', { name: `为样例${n}添加一项信息` }).click();
    await row.getByLabel(`第${i + 1}项信息的变量`).selectOption({ label: variable });
    await row.getByLabel(new RegExp(`^第${i + 1}项信息的取值`)).fill(value);
  }
}

export interface ConditionSpec {
  /** The variable as the catalogue names it (准驾车型) and the relation as the builder offers it (属于其中之一). */
  variable: string;
  relation: string;
  /** Values ticked in addition to the first, for 属于其中之一. */
  values?: string[];
  id: string;
  label: string;
}

/** Adds a condition to a group of the rule builder ("条件组1", or "全部条件" for the root); returns its list item. */
export async function addCondition(page: Page, group: string, c: ConditionSpec): Promise<Locator> {
  const builder = page.locator('.rule-builder');
  await builder.getByRole('button', { name: `在“${group}”中添加条件`, exact: true }).click();
  // The new condition is the last of its group, and its variable has focus.
  const added = page.locator('li.rb-node-leaf', { has: page.locator(':focus') });
  await added.getByLabel('变量').selectOption({ label: c.variable });
  await added.getByLabel('关系').selectOption({ label: c.relation });
  for (const v of c.values ?? []) await added.getByRole('checkbox', { name: v }).check();
  await added.getByLabel('条件编号').fill(c.id);
  await added.getByLabel('条件名称').fill(c.label);
  return added;
}

/** Runs the examples; returns the summary the page announces ("2 个示例全部通过"). */
export async function runExamplesInPage(page: Page): Promise<string> {
  await page.getByRole('button', { name: '运行示例' }).click();
  const summary = page.getByTestId('examples-summary');
  await summary.filter({ hasText: /示例/ }).waitFor();
  return (await summary.textContent()) ?? '';
}

/** Saves the draft and submits it for review; resolves with the page's confirmation ("已提交审核（第1版）…"). */
export async function submitInPage(page: Page): Promise<string> {
  await page.getByRole('button', { name: '提交审核' }).click();
  const status = page.locator('.ie-status[data-status="submitted"]');
  await status.waitFor();
  return (await status.textContent()) ?? '';
}

/** A driver of ten years with a clean record (met), as the sample item's first example. */
export const DRIVER_FACTS: [string, string][] = [
  ['出生日期', '1980-05-01'],
  ['准驾车型', 'B1'],
  ['初次领证日期', '2015-03-20'],
  ['违法犯罪等记录', '[]'],
  ['身心健康', '是'],
];

/**
 * The editor's whole side for 聊政字〔2023〕9号 第三十条, for tests that go on to the review: split it, accept every
 * suggestion, fill what they leave (code, name, kind, summary, fees, the licence class condition), add a met and
 * a not-met example, run them, and save and submit. Resolves when the page says it was submitted.
 */
export async function splitDriverItemAndSubmit(
  page: Page,
  portal: Portal,
  { code, name }: { code: string; name: string },
): Promise<void> {
  await openSplitPage(page, portal, '聊政字〔2023〕9号', '第三十条');
  await acceptAllSuggestions(page);
  await fillField(page, '事项编码', code);
  await fillField(page, '事项名称', name);
  await page.getByLabel('事项类型').selectOption({ label: '资质' });
  await fillField(page, '事项简介', '机动车驾驶人申请取得校车驾驶资格。');
  await fillField(page, '收费说明', '原文未规定收费');
  await addCondition(page, '条件组1', {
    variable: '准驾车型',
    relation: '属于其中之一',
    values: ['A2', 'A3', 'B1'],
    id: 'licence',
    label: '准驾车型',
  });
  await addExample(page, {
    name: '驾龄十年、无不良记录的B1驾驶人符合条件',
    expected: '符合',
    facts: DRIVER_FACTS,
  });
  await addExample(page, {
    name: '只持C1驾驶证的不符合',
    expected: '不符合',
    facts: DRIVER_FACTS.map(([k, v]) => [k, k === '准驾车型' ? 'C1' : v]),
  });
  await runExamplesInPage(page);
  await submitInPage(page);
}

/** The split page's address for an article, for tests that open it directly (/staff/split?document=&article=). */
export async function splitPath(portal: Portal, docNumber: string, article: number): Promise<string> {
  return `/staff/split?document=${await portal.documentId(docNumber)}&article=${article}`;
}

export { decodedPath };

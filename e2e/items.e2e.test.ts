import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { newContext, phoneContext } from './support/browser.ts';
import { decodedPath, focused, settled, tabUntil } from './support/page.ts';
import { describeInBrowser } from './support/suite.ts';

/** Presses Tab until focus is inside the current question's form (the calculator's), as a keyboard user would. */
async function tabIntoQuestion(page: Page): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => !!document.activeElement?.closest('form[data-variable]'))) return;
  }
  throw new Error('the question cannot be reached by keyboard');
}

/** The question on screen once the answers so far have been computed: its variable, input kind and number. */
async function currentQuestion(
  page: Page,
): Promise<{ variable: string; input: string; number: string } | null> {
  await page.waitForFunction(
    () => document.querySelector('.calc-results')?.getAttribute('aria-busy') === 'false',
  );
  const form = page.locator('form[data-variable]');
  if ((await form.count()) === 0) return null;
  return {
    variable: (await form.getAttribute('data-variable'))!,
    input: (await form.getAttribute('data-input'))!,
    number: (await form.locator('h2').textContent())!,
  };
}

describeInBrowser('policy items, the calculator and matching in the browser', ({ portal, browser }) => {
  it('lists items with filters in the URL, and shows an item with every condition cited to its article', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(`${portal().url}/items`);
    await settled(page);
    expect(await page.getByRole('status').filter({ hasText: '共' }).textContent()).toBe('共 7 项政策事项');
    await page.getByRole('link', { name: '对象：个人' }).click();
    await page.waitForURL(/target=person/);
    await settled(page);
    expect(decodedPath(page)).toBe('/items?target=person');
    expect(await page.locator('.item-list .doc-item-title').allTextContents()).toEqual(['校车驾驶资格许可']);
    expect(await page.getByRole('link', { name: '对象：个人' }).getAttribute('aria-current')).toBe('true');

    await page.getByRole('link', { name: '校车驾驶资格许可' }).click();
    await page.waitForURL(/\/items\/LC-XC-JSZG$/);
    await settled(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('校车驾驶资格许可');
    const conditions = page.getByRole('region', { name: '办理条件' }).locator('li.condition');
    expect(await conditions.count()).toBe(9);
    const cited: string[] = [];
    for (const condition of await conditions.all()) {
      const link = condition.getByRole('link', { name: /第三十条（[一二三四五六]）$/ });
      expect(await link.count(), (await condition.textContent()) ?? undefined).toBe(1);
      cited.push((await link.textContent())!);
    }
    expect(cited[0]).toBe('聊政字〔2023〕9号 第三十条（一）');
    expect(cited[8]).toBe('聊政字〔2023〕9号 第三十条（六）');

    // The article's words open in place.
    const first = conditions.first();
    const quote = first.locator('details.quote');
    expect(await quote.getAttribute('open')).toBeNull();
    await first.getByText('查看原文').click();
    expect(await quote.locator('blockquote').textContent()).toMatch(
      /取得相应准驾车型驾驶证并具有三年以上驾驶经历/,
    );

    // The citation leads to the article in the document.
    const schoolBus = await portal().documentId('聊政字〔2023〕9号');
    await first.getByRole('link', { name: /第三十条（一）$/ }).click();
    await page.waitForURL(/\/documents\/\d+#/);
    await settled(page);
    expect(decodedPath(page)).toBe(`/documents/${schoolBus}#第三十条`);
    expect((await focused(page)).id).toBe('第三十条');
    await page.goBack();
    await settled(page);

    // Version record, and the calculator for this item.
    const versions = page.getByRole('region', { name: '版本记录' });
    expect(await versions.locator('[aria-current="true"]').textContent()).toMatch(/第 1 版当前版本/);
    await page.getByRole('link', { name: '测一测我是否符合' }).click();
    await page.waitForURL(/\/calculator\?item=LC-XC-JSZG$/);
    await settled(page);
    expect(await page.locator('.calc-for').textContent()).toMatch(/正在测算：校车驾驶资格许可/);
    await ctx.close();
  });

  it('shows the 校车使用许可 materials with their sources, and its steps with working-day limits', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(`${portal().url}/items/LC-XC-SYXK`);
    await settled(page);
    const materials = page.getByRole('region', { name: /申请材料/ }).locator('li.material');
    expect(await materials.count()).toBe(9);
    expect(await materials.first().locator('.material-name').textContent()).toMatch(/校车使用申请表/);
    const sources = await materials.nth(2).locator('.tag-source').allTextContents();
    expect(sources).toEqual(['电子证照', '共享数据']);

    const steps = page.getByRole('region', { name: '办理流程' }).locator('li.process-step');
    expect(await steps.count()).toBe(6);
    expect(await steps.locator('.process-days:not(.muted)').allTextContents()).toEqual([
      '3 个工作日',
      '3 个工作日',
      '5 个工作日',
      '3 个工作日',
      '3 个工作日',
    ]);
    // The government's decision has no limit in the text, and the page says so.
    expect(await steps.nth(3).locator('.process-days').textContent()).toBe('原文未规定时限');
    const departments = page.getByRole('region', { name: '部门' });
    expect(await departments.textContent()).toMatch(/协办部门公安机关交通管理部门、交通运输部门/);

    // An amount the text does not set is said plainly, never invented.
    await page.goto(`${portal().url}/items/LC-GX-JSGZ`);
    await settled(page);
    expect(await page.getByRole('region', { name: '补助与待遇' }).textContent()).toMatch(
      /原文未规定奖补标准和金额/,
    );
    await ctx.close();
  });

  it('settles the school-bus driver item for a qualifying applicant with the keyboard alone', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(`${portal().url}/calculator?item=LC-XC-JSZG`);
    await settled(page);
    expect(await page.getByText('不保存您填写的任何信息').count()).toBe(1);
    const results = page.getByRole('region', { name: '测算结果' });
    expect(await results.getByRole('status').textContent()).toBe('符合 0 项，可能符合 1 项，不符合 0 项');

    await tabIntoQuestion(page);
    const asked: string[] = [];
    for (let q = await currentQuestion(page); q !== null; q = await currentQuestion(page)) {
      expect(asked.length, `asked ${asked.join(', ')}`).toBeLessThan(6);
      asked.push(q.variable);
      if (asked.length > 1) {
        // Focus moved to the new question's heading: the next Tab reaches its first control.
        expect((await focused(page)).text).toBe(q.number);
        await page.keyboard.press('Tab');
      }
      switch (q.input) {
        case 'list': // 没有以上任何记录
        case 'boolean': // 是
          await page.keyboard.press('Space');
          await page.keyboard.press('Enter');
          break;
        case 'enum':
          // The browser's select picks an option as its first letters are typed.
          await page.keyboard.type('B1');
          await tabUntil(page, (el) => el.tag === 'button' && el.text === '下一题');
          await page.keyboard.press('Enter');
          break;
        case 'date':
          await page.keyboard.type(q.variable === 'person.birthDate' ? '1980-05-01' : '2012-03-20');
          await page.keyboard.press('Enter');
          break;
        default:
          throw new Error(`unexpected question ${q.variable} (${q.input})`);
      }
      await page.waitForFunction(
        (n) => document.querySelector('form[data-variable] h2')?.textContent !== n,
        q.number,
      );
    }
    expect(asked.length).toBeLessThanOrEqual(6);
    expect(await page.locator('.calc-progress').textContent()).toMatch(`已回答 ${asked.length} 题`);
    expect(await page.locator('.calc-done').textContent()).toMatch(/测算完成/);
    expect(await results.getByRole('status').textContent()).toBe('符合 1 项，可能符合 0 项，不符合 0 项');
    const met = results.getByRole('region', { name: /^符合/ });
    expect(await met.locator('[data-code="LC-XC-JSZG"] .outcome-tag').textContent()).toMatch(/符合/);

    // "上一题" offers the last answer again.
    await page.getByRole('button', { name: '上一题' }).click();
    const back = await currentQuestion(page);
    expect(back?.variable).toBe(asked[asked.length - 1]);
    await ctx.close();
  });

  it('asks whom for first without an item, and settles "我没有" as not met', async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(`${portal().url}/calculator`);
    await settled(page);
    await page.getByRole('button', { name: '我是个人' }).click();
    // Answer until the licence class is asked, then say there is none.
    for (
      let q = await currentQuestion(page);
      q?.variable !== 'person.licenceClass';
      q = await currentQuestion(page)
    ) {
      expect(q, 'the licence class was never asked').not.toBeNull();
      const form = page.locator('form[data-variable]');
      if (q!.input === 'list') await form.locator('label', { hasText: '没有以上任何记录' }).click();
      else if (q!.input === 'boolean') await form.locator('label', { hasText: /^是$/ }).click();
      else if (q!.input === 'date') {
        await form.getByRole('textbox').click();
        await page.keyboard.type('1980-05-01');
      } else throw new Error(`unexpected question ${q!.variable}`);
      await form.getByRole('button', { name: '下一题' }).click();
      await page.waitForFunction(
        (n) => document.querySelector('form[data-variable] h2')?.textContent !== n,
        q!.number,
      );
    }
    await page.getByRole('button', { name: '我没有' }).click();
    const notMet = page.getByRole('region', { name: '测算结果' }).getByRole('region', { name: /^不符合/ });
    await notMet.locator('[data-code="LC-XC-JSZG"]').waitFor();
    expect(await notMet.locator('[data-code="LC-XC-JSZG"]').textContent()).toMatch(/准驾车型/);
    await ctx.close();
  });

  it('matches a sample person: three lists, near misses, materials and an explanation with sources', async () => {
    // A fictional sample whose result has a near miss, found through the API rather than by name.
    const samples = (await (await fetch(`${portal().url}/api/profiles/samples?kind=person`)).json()) as {
      id: number;
      name: string;
    }[];
    let sample: { id: number; name: string } | undefined;
    for (const s of samples) {
      const res = await fetch(`${portal().url}/api/match`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sampleId: s.id }),
      });
      const r = (await res.json()) as { notMet: { nearMisses: string[] }[] };
      if (r.notMet.some((m) => m.nearMisses.length > 0)) {
        sample = s;
        break;
      }
    }
    expect(sample).toBeDefined();

    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(`${portal().url}/match`);
    await settled(page);
    expect(await page.getByText('示例画像均为虚构').count()).toBe(1);
    const select = page.getByLabel('示例画像（虚构）');
    await select.selectOption(
      await select.locator('option', { hasText: sample!.name }).getAttribute('value'),
    );
    await page.getByRole('button', { name: '开始匹配' }).click();
    const results = page.getByRole('region', { name: `“${sample!.name}”的匹配结果` });
    await results.waitFor();
    expect(await results.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      expect.stringMatching(/^符合（\d+ 项）$/),
      expect.stringMatching(/^可能符合（还需信息）（\d+ 项）$/),
      expect.stringMatching(/^不符合（\d+ 项）$/),
    ]);
    const card = results
      .getByRole('region', { name: /^不符合/ })
      .locator('.match-card')
      .first();
    expect(await card.locator('.near-miss').first().textContent()).toMatch(/^差一点：/);
    const materials = await card.locator('.material-status .tag').allTextContents();
    expect(materials).toContain('需要提交');
    expect(materials.some((m) => /^已由共享数据证明（.+）$/.test(m))).toBe(true);

    // The explanation opens from the keyboard, and names each value's source and date.
    await card.locator('summary').focus();
    await page.keyboard.press('Enter');
    const nodes = card.locator('.explain-node');
    await nodes.first().waitFor();
    expect(await nodes.count()).toBe(9);
    expect(await card.locator('.explain-node[data-outcome="notMet"]').count()).toBeGreaterThan(0);
    const text = (await card.locator('.explain').textContent())!;
    expect(text).toMatch(
      /来源：共享数据（市公安局交通警察支队·机动车驾驶证管理）；数据日期：\d{4}年\d+月\d+日/,
    );
    expect(text).toMatch(/✗ 不符合/);
    await card
      .getByRole('link', { name: /第三十条（一）$/ })
      .first()
      .waitFor();
    await ctx.close();
  });

  it("shows the server's error at the field it names: a USCC with a wrong check character", async () => {
    const ctx = await newContext(browser());
    const page = await ctx.newPage();
    await page.goto(`${portal().url}/match`);
    await settled(page);
    await page.locator('.form-switches').getByText('自己输入').click();
    await page.locator('.form-switches').getByText('企业').click();
    // A valid code (GB 32100) with its check character changed.
    await page.getByLabel('统一社会信用代码').fill('913715001131736375');
    await page.getByRole('button', { name: '开始匹配' }).click();
    const field = page.locator('.form-field').filter({ has: page.getByLabel('统一社会信用代码') });
    const error = field.getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/校验位应为“4”/);
    const input = page.getByLabel('统一社会信用代码');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    // Correcting the field clears its error.
    await input.fill('913715001131736374');
    expect(await field.getByRole('alert').count()).toBe(0);
    await page.getByRole('button', { name: '开始匹配' }).click();
    await page.getByRole('region', { name: '您输入的信息的匹配结果' }).waitFor();
    await ctx.close();
  });

  it('fits a phone: no horizontal scrolling on the item, calculator and match pages', async () => {
    const ctx = await phoneContext(browser());
    const page = await ctx.newPage();
    for (const path of ['/items', '/items/LC-XC-SYXK', '/calculator?item=LC-XC-JSZG', '/match']) {
      await page.goto(portal().url + path);
      await settled(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await ctx.close();
  });
});

import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { newContext } from './support/browser.ts';
import { fillField, runExamplesInPage, splitDriverItemAndSubmit, submitInPage } from './support/editor.ts';
import { settled, visit } from './support/page.ts';
import { approveInPage, createStaff, openReviewFromQueue, rejectInPage, signIn } from './support/staff.ts';
import { describeInBrowser } from './support/suite.ts';

/**
 * Issue 5's acceptance, in one browser run: an editor splits 聊政字〔2023〕9号 第三十条 into an item, a reviewer
 * rejects it once and then approves it; after that the item is public, and its history shows both versions.
 * 校车驾驶资格 belongs to 聊城市公安局交通警察支队 (lc-gaj-jj in data/departments.json), so the editor and the
 * reviewer are of that department; each works in a browser of their own.
 */
const DEPARTMENT = 'lc-gaj-jj';
const CODE = 'LC-XC-JSZG-A';
const NAME = '校车驾驶资格许可';
const REJECTION = '事项简介应写明受理部门和办理时限';
const REVISED_SUMMARY = '机动车驾驶人向聊城市公安局交通警察支队申请校车驾驶资格，5个工作日内办结。';

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describeInBrowser(
  'issue 5 acceptance: split 9号 第三十条, reject once, approve, public',
  ({ portal, browser }) => {
    beforeAll(async () => {
      await createStaff(portal(), {
        username: 'acc-editor',
        displayName: '孙编辑',
        department: DEPARTMENT,
        roles: ['editor'],
      });
      await createStaff(portal(), {
        username: 'acc-reviewer',
        displayName: '周审核',
        department: DEPARTMENT,
        roles: ['reviewer'],
      });
    });

    it(
      'splits, rejects with a comment, revises, approves; the public page and the history show both versions',
      {
        timeout: 150_000,
      },
      async () => {
        const editorCtx = await newContext(browser());
        const reviewerCtx = await newContext(browser());
        const publicCtx = await newContext(browser());
        const editor = await editorCtx.newPage();
        const reviewer = await reviewerCtx.newPage();
        const visitor = await publicCtx.newPage();

        // The editor splits the article into an item and submits it: version 1.
        await signIn(editor, portal(), 'acc-editor');
        await splitDriverItemAndSubmit(editor, portal(), { code: CODE, name: NAME });

        // Not public while under review.
        await visit(visitor, portal().url, `/items/${CODE}`);
        expect(await heading(visitor)).not.toBe(NAME);

        // The reviewer sends it back with a comment.
        await signIn(reviewer, portal(), 'acc-reviewer');
        await openReviewFromQueue(reviewer, portal(), CODE);
        expect(await heading(reviewer)).toBe(`审核：${NAME}`);
        const content = reviewer.getByRole('region', { name: '提交审核的内容（第 1 版）' });
        // What the editor accepted from the article: conditions citing it.
        expect(await content.textContent()).toContain('第三十条');
        await rejectInPage(reviewer, REJECTION);
        expect(await reviewer.locator('.review-outcome').textContent()).toMatch(/第 1 版已退回/);

        // The editor revises the item in the editor, runs its examples again and resubmits: version 2.
        await visit(editor, portal().url, `/staff/items/${CODE}/edit`);
        await fillField(editor, '事项简介', REVISED_SUMMARY);
        await runExamplesInPage(editor);
        await submitInPage(editor);

        // The reviewer approves it, which publishes it.
        await openReviewFromQueue(reviewer, portal(), CODE);
        const diff = reviewer.getByRole('region', { name: '与第 1 版对照' });
        expect(await diff.textContent()).toContain(REVISED_SUMMARY);
        await approveInPage(reviewer, '同意发布');
        expect(await reviewer.locator('.review-outcome').textContent()).toMatch(/第 2 版已审核通过并发布/);

        // Public: the page shows the item as approved, with the revised summary and its basis. (A fresh load, as a
        // visitor arriving now: the earlier visit's not-found stays in that page's query cache.)
        await visitor.goto(`${portal().url}/items/${CODE}`);
        await settled(visitor);
        expect(await heading(visitor)).toBe(NAME);
        const main = (await visitor.locator('#main').textContent()) ?? '';
        expect(main).toContain(REVISED_SUMMARY);
        expect(main).toContain('聊政字〔2023〕9号');
        const versions = visitor.getByRole('region', { name: '版本记录' });
        expect(await versions.locator('[aria-current="true"]').textContent()).toMatch(/第 2 版当前版本/);

        // The history shows both versions: v2 approved, v1 rejected with the reviewer's comment.
        await visit(reviewer, portal().url, `/staff/items/${CODE}`);
        const all = reviewer.getByRole('region', { name: '版本与审核记录' });
        expect(
          await all
            .locator('[data-version]')
            .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.version)),
        ).toEqual(['2', '1']);
        expect(await all.locator('[data-version="2"] .review-event-approve').textContent()).toMatch(
          /周审核 审核通过.*意见：同意发布/,
        );
        expect(await all.locator('[data-version="1"] .review-event-reject').textContent()).toMatch(
          new RegExp(`周审核 退回.*意见：${REJECTION}`),
        );
        // The same over the API, as the reviewer's browser reads it.
        const res = await reviewer.request.get(`${portal().url}/api/items/${CODE}/history`);
        expect(res.status()).toBe(200);
        const history = (await res.json()) as {
          publishedVersion: number;
          versions: {
            version: number;
            reviewState: string;
            events: { action: string; comment: string | null }[];
          }[];
        };
        expect(history.publishedVersion).toBe(2);
        expect(history.versions.map((v) => [v.version, v.reviewState])).toEqual([
          [2, 'approved'],
          [1, 'rejected'],
        ]);
        expect(history.versions[1]!.events.find((e) => e.action === 'reject')?.comment).toBe(REJECTION);
        await settled(reviewer);
        await Promise.all([editorCtx.close(), reviewerCtx.close(), publicCtx.close()]);
      },
    );
  },
);

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { AccountRow } from '../../src/features/accounts/accounts.repository.ts';
import { decodedPath, settled, visit } from './page.ts';
import type { Portal } from './server.ts';

/**
 * Staff and citizens for browser tests, and the steps of the staff console that several tests take: sign in
 * through the page, open an item's review, reject or approve it. Accounts are made through the AccountsService
 * (never sample data: docs/access.md); the editor's side of the workflow can run over the API, as another
 * browser would.
 */

/** Every test account's password: 10+ characters, not only digits, without the username. */
export const PASSWORD = 'Correct-horse-battery-9';

export interface StaffSpec {
  username: string;
  displayName: string;
  /** A department code from data/departments.json, e.g. lc-gxj (聊城市工业和信息化局). */
  department: string;
  roles: ('editor' | 'reviewer')[];
}

export function createStaff(portal: Portal, s: StaffSpec): Promise<AccountRow> {
  return portal.accounts.createAccount({
    username: s.username,
    displayName: s.displayName,
    kind: 'staff',
    staffRoles: s.roles,
    departmentCode: s.department,
    password: PASSWORD,
  });
}

/** A person (自然人) account: signed in, it has no console. The citizen id is fictional, with a valid check character. */
export function createPerson(
  portal: Portal,
  username: string,
  displayName: string,
  citizenId = '371502199001011234',
): Promise<AccountRow> {
  return portal.accounts.createAccount({
    username,
    displayName,
    kind: 'person',
    citizenId,
    password: PASSWORD,
  });
}

/** A signed-in API caller: the session's cookie, and its CSRF token on state-changing requests. */
export interface ApiCaller {
  call: (method: string, path: string, body?: unknown) => Promise<Response>;
  /** Like call, but fails with the server's answer unless it is 2xx; returns the JSON body. */
  ok: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
}

/** Opens a session for an account directly (no argon2 per call), as a second browser would hold one. */
export async function apiAs(portal: Portal, account: AccountRow): Promise<ApiCaller> {
  const session = await portal.accounts.openSession(account, 'password', '127.0.0.1');
  const call = (method: string, path: string, body?: unknown) =>
    fetch(portal.url + path, {
      method,
      headers: {
        cookie: `zct_session=${session.token}`,
        ...(method !== 'GET' && { 'x-csrf-token': session.csrfToken }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    call,
    ok: async <T>(method: string, path: string, body?: unknown) => {
      const res = await call(method, path, body);
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  };
}

const ITEMS = fileURLToPath(new URL('../../data/items', import.meta.url));

/** A sample item's definition (data/items/*.json) by its code, to revise in a test. */
export function sampleDefinition(code: string): Record<string, unknown> {
  for (const file of readdirSync(ITEMS).filter((f) => f.endsWith('.json'))) {
    const d = JSON.parse(readFileSync(join(ITEMS, file), 'utf8')) as Record<string, unknown>;
    if (d.code === code) return d;
  }
  throw new Error(`no sample item ${code}`);
}

/** The editor's side over the API: save a version (a draft) and submit it for review. Returns its version. */
export async function saveAndSubmit(editor: ApiCaller, definition: Record<string, unknown>): Promise<number> {
  const saved = await editor.ok<{ code: string; version: number }>('POST', '/api/items', definition);
  await editor.ok('POST', `/api/items/${saved.code}/submit`, {});
  return saved.version;
}

/**
 * Signs in through the sign-in page, as a visitor types it, and waits for the page it leads to. With
 * `returnTo`, the page opened is /signin?returnTo=…, as the header's or a refusal's link would open it.
 */
export async function signIn(
  page: Page,
  portal: Portal,
  username: string,
  { password = PASSWORD, returnTo }: { password?: string; returnTo?: string } = {},
): Promise<void> {
  const path = returnTo ? `/signin?returnTo=${encodeURIComponent(returnTo)}` : '/signin';
  if (!decodedPath(page).startsWith(decodeURIComponent(path))) await visit(page, portal.url, path);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/signin');
  await settled(page);
}

/** Signs out with the header's 退出 (opening the phone menu first when it is closed). */
export async function signOut(page: Page): Promise<void> {
  const menu = page.getByRole('button', { name: '菜单' });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await page.getByRole('button', { name: '退出' }).click();
  await page.waitForURL((url) => url.pathname === '/signin');
  await settled(page);
}

/** Opens the review of an item from the console's queue, as a reviewer does. */
export async function openReviewFromQueue(page: Page, portal: Portal, code: string): Promise<void> {
  await visit(page, portal.url, '/staff/review');
  await page.locator(`.staff-card[data-code="${code}"]`).getByRole('link').click();
  await page.waitForURL((url) => url.pathname === `/staff/review/${code}`);
  await settled(page);
}

/** The review page's decision section. */
export const decisionSection = (page: Page) => page.getByRole('region', { name: '审核意见' });

/** Sends the version under review back with a comment; resolves when the page has said so. */
export async function rejectInPage(page: Page, comment: string): Promise<void> {
  const decision = decisionSection(page);
  await decision.getByRole('textbox', { name: '审核意见' }).fill(comment);
  await decision.getByRole('button', { name: '退回修改' }).click();
  await page
    .locator('.review-outcome')
    .getByText(/已退回/)
    .waitFor();
  await settled(page);
}

/** Approves (and so publishes) the version under review; resolves when the page has said so. */
export async function approveInPage(page: Page, comment = ''): Promise<void> {
  const decision = decisionSection(page);
  if (comment) await decision.getByRole('textbox', { name: '审核意见' }).fill(comment);
  await decision.getByRole('button', { name: '通过并发布' }).click();
  await page
    .locator('.review-outcome')
    .getByText(/审核通过并发布/)
    .waitFor();
  await settled(page);
}

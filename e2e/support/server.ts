import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { AccountsService } from '../../src/features/accounts/accounts.service.ts';
import { OutboxNotifier, type Notifier } from '../../src/features/accounts/notifier.ts';
import { loadDepartmentSamples } from '../../src/features/accounts/samples.ts';
import type { ItemReviewService } from '../../src/features/items/review.service.ts';
import { loadItemSamples } from '../../src/features/items/samples.ts';
import type { LibraryService } from '../../src/features/library/library.service.ts';
import { loadSamples } from '../../src/features/library/samples.ts';
import { buildApp } from '../../src/http/app.ts';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../../data/samples', import.meta.url));

export interface Portal {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  library: LibraryService;
  /** Accounts, for tests to create the staff and citizens they sign in as (see e2e/support/staff.ts). */
  accounts: AccountsService;
  review: ItemReviewService;
  /** Every message the server sent (password-reset codes …), newest last; also kept in outbox_messages. */
  messages: Message[];
  /** The id of a document by its 文号, from the API, so tests never hard-code ids. */
  documentId: (docNumber: string) => Promise<number>;
  close: () => Promise<void>;
}

type Message = Parameters<Notifier['send']>[0];

/**
 * The real server, in process: a fresh SQLite file in a temp folder, migrated, with the sample gazette, the
 * seven sample policy items and the fictional sample profiles loaded, serving the built portal (web/dist, built by e2e/global-setup.ts) on a free port.
 */
export async function startPortal(): Promise<Portal> {
  const dir = mkdtempSync(join(tmpdir(), 'zct-e2e-'));
  const database = openDatabase({ sqlitePath: join(dir, 'zct.sqlite') });
  await migrateToLatest(database);
  const messages: Message[] = [];
  const outbox = new OutboxNotifier(database);
  const notifier: Notifier = {
    send: async (m) => {
      messages.push(m);
      await outbox.send(m);
    },
  };
  const { app, library, items, profiles, accounts, review } = await buildApp({
    config: { ZCT_ADMIN_TOKEN: undefined },
    database,
    notifier,
  });
  // As src/server.ts does at start: the sample gazette, then the sample items and fictional profiles.
  await library.ensureSearchIndex();
  await loadSamples(library, SAMPLES);
  await loadItemSamples(items, profiles, DATA);
  await loadDepartmentSamples(accounts, items, DATA);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    url,
    library,
    accounts,
    review,
    messages,
    documentId: async (docNumber) => {
      const res = await fetch(`${url}/api/documents/by-number/${encodeURIComponent(docNumber)}`);
      if (!res.ok) throw new Error(`no document ${docNumber}: ${res.status}`);
      return ((await res.json()) as { id: number }).id;
    },
    close: async () => {
      await app.close();
      await database.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A small document in two versions (the second revises one article), for the versions list. Its validity
 * ended in 2025, so the library has a document that is no longer in force (已失效) to filter on.
 */
export async function ingestRevisedDocument(library: LibraryService): Promise<void> {
  const text = (deadline: string) =>
    [
      '东昌府区人民政府文件',
      '东政发〔2024〕2号',
      '东昌府区人民政府 关于印发东昌府区防汛工作办法的通知',
      '各街道办事处：',
      '现将《东昌府区防汛工作办法》印发给你们，请认真贯彻执行。',
      '东昌府区防汛工作办法',
      '第一条 为做好防汛工作，制定本办法。',
      `第二条 各街道应当在${deadline}前完成隐患排查。`,
      '第三条 本办法自2024年6月1日起施行，有效期至2025年5月31日。',
      '东昌府区人民政府',
      '2024年5月20日',
    ].join('\n');
  await library.ingest(Buffer.from(text('5月31日')), 'dongchangfu-v1.txt');
  await library.ingest(Buffer.from(text('5月25日')), 'dongchangfu-v2.txt');
}

export const SAMPLE_TEXT = () => readFileSync(join(SAMPLES, 'liaocheng-gazette-2023-05.txt'), 'utf8');

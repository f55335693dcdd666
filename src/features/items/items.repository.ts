import type { Selectable } from 'kysely';
import { createHash } from 'node:crypto';
import type { Basis, ItemStatus, PolicyItemDefinition } from '../../core/items/types.ts';
import type { ReviewState } from '../../core/review/review-rules.ts';
import type { Rule } from '../../core/rules/types.ts';
import type { Db } from '../../db/helpers/search/types.ts';
import type { PolicyItemTable } from '../../db/schema.ts';

/** All SQL about policy items, their versions and citations. Functions take `db | trx` first. */

export interface ItemRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  target: string;
  mode: string;
  status: ItemStatus;
  leadDepartment: string;
  stackingGroup: string | null;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
  ownerDepartmentId: number | null;
  /** The version the public reads; null until one is published. */
  publishedVersion: number | null;
}

export interface ItemVersion {
  version: number;
  status: ItemStatus;
  definition: PolicyItemDefinition;
  contentHash: string;
  note: string | null;
  createdAt: string;
  authorId: number | null;
  reviewState: ReviewState | null;
}

export interface ItemFilter {
  status?: ItemStatus;
  target?: string;
  kind?: string;
  mode?: string;
  department?: string;
}

/** The hash of a definition's canonical JSON (keys sorted), so that saving the same item again changes nothing. */
export function definitionHash(d: PolicyItemDefinition): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(d)))
    .digest('hex');
}

const toRow = (r: Selectable<PolicyItemTable>): ItemRow => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  target: r.target,
  mode: r.mode,
  status: r.status as ItemStatus,
  leadDepartment: r.lead_department,
  stackingGroup: r.stacking_group,
  currentVersion: r.current_version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  ownerDepartmentId: r.owner_department_id,
  publishedVersion: r.published_version,
});

export async function findItem(db: Db, code: string): Promise<ItemRow | null> {
  const r = await db.selectFrom('policy_items').selectAll().where('code', '=', code).executeTakeFirst();
  return r ? toRow(r) : null;
}

export async function listItems(db: Db, filter: ItemFilter): Promise<ItemRow[]> {
  let q = db.selectFrom('policy_items').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.target) q = q.where('target', 'in', [filter.target, 'both']);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.mode) q = q.where('mode', '=', filter.mode);
  if (filter.department) q = q.where('lead_department', '=', filter.department);
  const rows = await q.orderBy('code').execute();
  return rows.map(toRow);
}

export async function getVersion(db: Db, itemId: number, version: number): Promise<ItemVersion | null> {
  const r = await db
    .selectFrom('policy_item_versions')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('version', '=', version)
    .executeTakeFirst();
  return r
    ? {
        version: r.version,
        status: r.status as ItemStatus,
        definition: JSON.parse(r.definition) as PolicyItemDefinition,
        contentHash: r.content_hash,
        note: r.note,
        createdAt: r.created_at,
        authorId: r.author_id,
        reviewState: r.review_state as ReviewState | null,
      }
    : null;
}

export async function hasVersionWithHash(db: Db, itemId: number, hash: string): Promise<boolean> {
  const r = await db
    .selectFrom('policy_item_versions')
    .select('version')
    .where('item_id', '=', itemId)
    .where('content_hash', '=', hash)
    .executeTakeFirst();
  return r !== undefined;
}

export async function listVersions(db: Db, itemId: number) {
  const rows = await db
    .selectFrom('policy_item_versions')
    .select(['version', 'status', 'content_hash', 'note', 'created_at', 'author_id', 'review_state'])
    .where('item_id', '=', itemId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    status: r.status as ItemStatus,
    contentHash: r.content_hash,
    note: r.note,
    createdAt: r.created_at,
    authorId: r.author_id,
    reviewState: r.review_state as ReviewState | null,
  }));
}

/** The published definitions of items with a status, in one statement (the matcher loads all published items). */
export async function publishedDefinitions(db: Db, status: ItemStatus): Promise<PolicyItemDefinition[]> {
  const rows = await db
    .selectFrom('policy_items')
    .innerJoin('policy_item_versions', (j) =>
      j
        .onRef('policy_item_versions.item_id', '=', 'policy_items.id')
        .onRef('policy_item_versions.version', '=', 'policy_items.published_version'),
    )
    .select('policy_item_versions.definition')
    .where('policy_items.status', '=', status)
    .orderBy('policy_items.code')
    .execute();
  return rows.map((r) => JSON.parse(r.definition) as PolicyItemDefinition);
}

/** Every citation of a definition: its basis, and each condition's and material's own. */
function citationsOf(d: PolicyItemDefinition) {
  const out: { basis: Basis; conditionId: string | null }[] = d.basis.map((b) => ({
    basis: b,
    conditionId: null,
  }));
  const walk = (r: Rule) => {
    if (r.cite) out.push({ basis: r.cite, conditionId: r.id ?? null });
    if (r.op === 'all' || r.op === 'any' || r.op === 'none') r.of.forEach(walk);
  };
  walk(d.rule);
  for (const m of d.materials) if (m.cite) out.push({ basis: m.cite, conditionId: null });
  return out;
}

/** The item's columns that come from its definition: those of the published version. */
function publicFields(d: PolicyItemDefinition) {
  return {
    name: d.name,
    kind: d.kind,
    target: d.target,
    mode: d.mode,
    lead_department: d.departments.lead,
    stacking_group: d.stackingGroup ?? null,
  };
}

export interface SaveOptions {
  status: ItemStatus;
  note: string | null;
  now: string;
  /**
   * Publish this version: the public reads it from now on (platform loads, and an approved review). Otherwise
   * it is a new working version and the item's public status and published version stay as they were.
   */
  publish: boolean;
  authorId?: number | null;
  reviewState?: ReviewState | null;
  /** The owning department, set when the item is created. */
  ownerDepartmentId?: number | null;
}

/**
 * Stores a definition as the item's next version (creating the item on its first save). Returns null when the
 * definition is the same as the latest version's and nothing else would change.
 */
export async function saveVersion(
  trx: Db,
  d: PolicyItemDefinition,
  o: SaveOptions,
): Promise<{ item: ItemRow; version: number; created: boolean } | null> {
  const hash = definitionHash(d);
  const existing = await findItem(trx, d.code);
  if (existing) {
    const current = await getVersion(trx, existing.id, existing.currentVersion);
    const same = current?.contentHash === hash;
    if (
      same &&
      o.publish &&
      existing.status === o.status &&
      existing.publishedVersion === existing.currentVersion
    )
      return null;
    if (same && !o.publish && current?.reviewState === (o.reviewState ?? null)) return null;
  }
  const version = existing ? existing.currentVersion + 1 : 1;
  const fields = {
    // What the public list shows follows the published version; a working version leaves it alone.
    ...(o.publish && publicFields(d)),
    status: o.publish ? o.status : (existing?.status ?? 'draft'),
    current_version: version,
    published_version: o.publish ? version : (existing?.publishedVersion ?? null),
    updated_at: o.now,
  };
  let itemId: number;
  if (existing) {
    await trx.updateTable('policy_items').set(fields).where('id', '=', existing.id).execute();
    itemId = existing.id;
  } else {
    const r = await trx
      .insertInto('policy_items')
      .values({
        ...fields,
        ...publicFields(d),
        code: d.code,
        created_at: o.now,
        owner_department_id: o.ownerDepartmentId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    itemId = r.id;
  }
  await trx
    .insertInto('policy_item_versions')
    .values({
      item_id: itemId,
      version,
      status: o.status,
      definition: JSON.stringify(d),
      content_hash: hash,
      note: o.note,
      created_at: o.now,
      author_id: o.authorId ?? null,
      review_state: o.reviewState ?? null,
    })
    .execute();
  const cites = citationsOf(d);
  if (cites.length > 0) {
    await trx
      .insertInto('item_citations')
      .values(
        cites.map((c) => ({
          item_id: itemId,
          version,
          doc_number: c.basis.doc,
          article_number: 'article' in c.basis ? c.basis.article : null,
          section: 'section' in c.basis ? c.basis.section : null,
          condition_id: c.conditionId,
        })),
      )
      .execute();
  }
  const item = (await findItem(trx, d.code))!;
  return { item, version, created: !existing };
}

export async function setReviewState(
  trx: Db,
  itemId: number,
  version: number,
  state: ReviewState,
): Promise<void> {
  await trx
    .updateTable('policy_item_versions')
    .set({ review_state: state })
    .where('item_id', '=', itemId)
    .where('version', '=', version)
    .execute();
}

/** Makes a version the one the public reads. */
export async function publishVersion(
  trx: Db,
  item: ItemRow,
  version: number,
  d: PolicyItemDefinition,
  now: string,
) {
  await trx
    .updateTable('policy_item_versions')
    .set({ status: 'published' })
    .where('item_id', '=', item.id)
    .where('version', '=', version)
    .execute();
  await trx
    .updateTable('policy_items')
    .set({
      ...publicFields(d),
      status: 'published',
      published_version: version,
      updated_at: now,
    })
    .where('id', '=', item.id)
    .execute();
}

export async function setOwner(trx: Db, code: string, departmentId: number | null): Promise<void> {
  await trx
    .updateTable('policy_items')
    .set({ owner_department_id: departmentId })
    .where('code', '=', code)
    .execute();
}

/** A department's items joined to their latest version. */
function latestOfDepartment(db: Db, departmentId: number) {
  return db
    .selectFrom('policy_items')
    .innerJoin('policy_item_versions', (j) =>
      j
        .onRef('policy_item_versions.item_id', '=', 'policy_items.id')
        .onRef('policy_item_versions.version', '=', 'policy_items.current_version'),
    )
    .where('policy_items.owner_department_id', '=', departmentId);
}

/** Items whose latest version waits for review, in a department. */
export async function submittedItems(db: Db, departmentId: number) {
  return latestOfDepartment(db, departmentId)
    .where('policy_item_versions.review_state', '=', 'submitted')
    .select([
      'policy_items.code',
      'policy_items.name',
      'policy_items.current_version as version',
      'policy_item_versions.author_id as authorId',
      'policy_item_versions.created_at as createdAt',
    ])
    .orderBy('policy_item_versions.created_at')
    .execute();
}

/** A department's items with their latest version's review state (the editor's worklist). */
export async function departmentItems(db: Db, departmentId: number) {
  const rows = await latestOfDepartment(db, departmentId)
    .select([
      'policy_items.code',
      'policy_items.name',
      'policy_items.status',
      'policy_items.current_version as version',
      'policy_items.published_version as publishedVersion',
      'policy_item_versions.review_state as reviewState',
      'policy_items.updated_at as updatedAt',
    ])
    .orderBy('policy_items.updated_at', 'desc')
    .execute();
  return rows.map((r) => ({
    ...r,
    status: r.status as ItemStatus,
    reviewState: r.reviewState as ReviewState | null,
  }));
}

/** Items whose current version cites an article of a document. */
export async function itemsCiting(db: Db, docNumber: string, articleNumber?: number) {
  let q = db
    .selectFrom('item_citations')
    .innerJoin('policy_items', 'policy_items.id', 'item_citations.item_id')
    .whereRef('item_citations.version', '=', 'policy_items.published_version')
    .where('item_citations.doc_number', '=', docNumber)
    .where('policy_items.status', '=', 'published');
  if (articleNumber !== undefined) q = q.where('item_citations.article_number', '=', articleNumber);
  const rows = await q
    .select(['policy_items.code', 'policy_items.name', 'item_citations.article_number'])
    .distinct()
    .orderBy('policy_items.code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, article: r.article_number }));
}

/** Count and latest change of items: enough to tell that the set of published items has changed. */
export async function fingerprint(db: Db): Promise<string> {
  const r = await db
    .selectFrom('policy_items')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
    .executeTakeFirstOrThrow();
  return `${Number(r.n)}:${r.latest ?? ''}`;
}

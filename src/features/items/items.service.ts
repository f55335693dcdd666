import type { Basis, ItemStatus, PolicyItemDefinition } from '../../core/items/types.ts';
import { itemCatalogue, runExample, validateItem, type ItemProblem } from '../../core/items/validate.ts';
import { dayBefore } from '../../core/rules/dates.ts';
import { renderCitation, renderRule } from '../../core/rules/render.ts';
import type { Rule } from '../../core/rules/types.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { LibraryService } from '../library/library.service.ts';
import * as repo from './items.repository.ts';
import { itemDefinitionInput } from './items.schema.ts';
import { parseRuleText } from './rule-text.ts';

/** An item that failed validation: every problem names its field (rule path, material, example …). */
export class ItemValidationError extends Error {
  constructor(
    readonly code: string | null,
    readonly problems: ItemProblem[],
  ) {
    super(
      `政策事项${code ? ` ${code} ` : ''}未通过校验：${problems.map((p) => `${p.field}：${p.message}`).join('；')}`,
    );
    this.name = 'ItemValidationError';
  }
}

export interface SaveResult {
  code: string;
  version: number;
  status: ItemStatus;
  /** False when the definition and status were already the current ones (nothing written). */
  changed: boolean;
}

/** A condition of an item, rendered, with the words of the article it cites. */
export interface ConditionView {
  path: string;
  id?: string;
  label?: string;
  op: Rule['op'];
  text: string;
  cite?: string;
  quote?: { documentId: number; text: string } | null;
  children?: ConditionView[];
}

const now = () => new Date().toISOString();

export interface ItemValidity {
  from: string | null;
  until: string | null;
  /** Where it comes from: the item's own narrowing, its document, or nothing known. */
  basis: 'item' | 'document' | 'none';
}

/**
 * Policy items: validated (structure, rule, examples) before anything is stored, one version per change, and
 * read back with each condition rendered in Chinese next to the text of its article.
 */
export class ItemsService {
  constructor(
    private readonly handle: DatabaseHandle,
    private readonly library: LibraryService,
  ) {}

  /** Turns input (rule as AST or text) into a checked definition, or throws ItemValidationError. */
  prepare(input: unknown): PolicyItemDefinition {
    const parsed = itemDefinitionInput.safeParse(input);
    const code =
      typeof input === 'object' && input !== null && typeof (input as { code?: unknown }).code === 'string'
        ? (input as { code: string }).code
        : null;
    if (!parsed.success) {
      throw new ItemValidationError(
        code,
        parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(根)', message: i.message })),
      );
    }
    const { ruleText, rule, ...rest } = parsed.data;
    let ast: Rule;
    if (ruleText !== undefined) {
      const r = parseRuleText(ruleText);
      if (!r.ok) throw new ItemValidationError(code, [{ field: 'ruleText', message: r.error }]);
      ast = r.rule;
    } else {
      ast = rule!;
    }
    const definition = { ...rest, rule: ast } as PolicyItemDefinition;
    const problems = validateItem(definition);
    if (problems.length > 0) throw new ItemValidationError(code, problems);
    return definition;
  }

  /** Validates and stores an item as its next version, in one transaction. */
  async save(input: unknown, status: ItemStatus = 'draft', note: string | null = null): Promise<SaveResult> {
    const d = this.prepare(input);
    return this.handle.db.transaction().execute(async (trx) => {
      const r = await repo.saveVersion(trx, d, { status, note, now: now(), publish: true });
      if (r) return { code: d.code, version: r.version, status, changed: true };
      const item = (await repo.findItem(trx, d.code))!;
      return { code: d.code, version: item.currentVersion, status: item.status, changed: false };
    });
  }

  async setStatus(code: string, status: ItemStatus, note: string | null): Promise<SaveResult | null> {
    const item = await repo.findItem(this.handle.db, code);
    if (!item) return null;
    const current = (await repo.getVersion(this.handle.db, item.id, item.currentVersion))!;
    return this.handle.db.transaction().execute(async (trx) => {
      const r = await repo.saveVersion(trx, current.definition, { status, note, now: now(), publish: true });
      return { code, version: r?.version ?? item.currentVersion, status, changed: r !== null };
    });
  }

  list(filter: repo.ItemFilter) {
    return repo.listItems(this.handle.db, filter);
  }

  /** Changes whenever an item is saved or changes status: matching reloads its items when it does. */
  publishedFingerprint(): Promise<string> {
    return repo.fingerprint(this.handle.db);
  }

  /**
   * When an item is in force: its own validity where it narrows the document's, else that of the document it
   * is based on (its first basis). `from`/`until` null are open ends.
   */
  async validityOf(d: PolicyItemDefinition): Promise<ItemValidity> {
    const doc = await this.library.documentValidity(d.basis[0]!.doc);
    const until = [d.validity?.until, doc?.until, doc?.repealedOn ? dayBefore(doc.repealedOn) : undefined]
      .filter((x): x is string => typeof x === 'string')
      .sort()[0];
    const from = [d.validity?.from, doc?.from]
      .filter((x): x is string => typeof x === 'string')
      .sort()
      .at(-1);
    return {
      from: from ?? null,
      until: until ?? null,
      basis: d.validity?.from || d.validity?.until ? 'item' : doc ? 'document' : 'none',
    };
  }

  /** Published items' current definitions (what matching and the calculator use). */
  published(): Promise<PolicyItemDefinition[]> {
    return repo.publishedDefinitions(this.handle.db, 'published');
  }

  async versions(code: string) {
    const item = await repo.findItem(this.handle.db, code);
    return item ? repo.listVersions(this.handle.db, item.id) : null;
  }

  async getVersion(code: string, version: number) {
    const item = await repo.findItem(this.handle.db, code);
    return item ? repo.getVersion(this.handle.db, item.id, version) : null;
  }

  /**
   * An item for reading: its current definition (or a given version), its conditions rendered with their
   * article's words, its basis quoted, and the result of its examples.
   */
  async get(code: string, options: { version?: number; publishedOnly?: boolean } = {}) {
    const item = await repo.findItem(this.handle.db, code);
    if (!item || (options.publishedOnly && (item.status !== 'published' || item.publishedVersion === null)))
      return null;
    const version = options.version ?? (options.publishedOnly ? item.publishedVersion! : item.currentVersion);
    const v = await repo.getVersion(this.handle.db, item.id, version);
    if (!v) return null;
    const d = v.definition;
    const catalogue = itemCatalogue(d);
    const quotes = new Map<string, Promise<{ documentId: number; text: string } | null>>();
    const quote = (b: Basis) => {
      const key = JSON.stringify(b);
      let q = quotes.get(key);
      if (!q) {
        q = this.library.quote(b).then((r) => (r ? { documentId: r.documentId, text: r.text } : null));
        quotes.set(key, q);
      }
      return q;
    };
    const view = async (r: Rule, path: string): Promise<ConditionView> => ({
      path,
      id: r.id,
      label: r.label,
      op: r.op,
      text: renderRule(r, { catalogue, parameters: d.parameters }),
      cite: r.cite ? renderCitation(r.cite) : undefined,
      quote: r.cite ? await quote(r.cite) : undefined,
      children:
        r.op === 'all' || r.op === 'any' || r.op === 'none'
          ? await Promise.all(r.of.map((c, i) => view(c, `${path ? `${path}.` : ''}${r.op}[${i}]`)))
          : undefined,
    });
    const basis = await Promise.all(
      d.basis.map(async (b) => ({
        ...b,
        text: 'article' in b ? renderCitation(b) : `${b.doc} ${b.section}`,
        quote: await quote(b),
      })),
    );
    return {
      ...item,
      // The public reads the published version: a revision under review is not theirs to see.
      currentVersion: options.publishedOnly ? item.publishedVersion! : item.currentVersion,
      validity: await this.validityOf(d),
      version: v.version,
      versionStatus: v.status,
      definition: d,
      basis,
      conditions: await view(d.rule, ''),
      examples: d.examples.map((ex) => {
        const r = runExample(d, ex, catalogue);
        return { name: ex.name, expected: ex.expected, passed: r.passed, failures: r.failures };
      }),
    };
  }

  /** Stores items from data files (the sample content), published; unchanged ones are left alone. */
  async loadDefinitions(inputs: readonly unknown[], names?: readonly string[]): Promise<SaveResult[]> {
    const definitions = inputs.map((input, i) => {
      try {
        return this.prepare(input);
      } catch (e) {
        if (e instanceof ItemValidationError && names?.[i]) e.message = `${names[i]}：${e.message}`;
        throw e;
      }
    });
    return this.handle.db.transaction().execute(async (trx) => {
      const out: SaveResult[] = [];
      for (const d of definitions) {
        // A sample a department has since taken over and revised is theirs: loading again must not undo that.
        const existing = await repo.findItem(trx, d.code);
        if (existing && (await repo.hasVersionWithHash(trx, existing.id, repo.definitionHash(d)))) {
          out.push({
            code: d.code,
            version: existing.currentVersion,
            status: existing.status,
            changed: false,
          });
          continue;
        }
        const r = await repo.saveVersion(trx, d, {
          status: 'published',
          note: '示例数据',
          now: now(),
          publish: true,
        });
        const version = r?.version ?? (await repo.findItem(trx, d.code))!.currentVersion;
        out.push({ code: d.code, version, status: 'published', changed: r !== null });
      }
      return out;
    });
  }

  /** Gives an item with no owning department to one (sample loading); false when it has one or does not exist. */
  async adoptIfUnowned(code: string, departmentId: number): Promise<boolean> {
    const item = await repo.findItem(this.handle.db, code);
    if (!item || item.ownerDepartmentId !== null) return false;
    await repo.setOwner(this.handle.db, code, departmentId);
    return true;
  }

  itemsCiting(docNumber: string, article?: number) {
    return repo.itemsCiting(this.handle.db, docNumber, article);
  }
}

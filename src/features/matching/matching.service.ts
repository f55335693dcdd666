import type { PolicyItemDefinition } from '../../core/items/types.ts';
import {
  estimateBenefit,
  resolveStacking,
  windowStatus,
  type BenefitEstimate,
} from '../../core/items/benefit.ts';
import { itemCatalogue, unionCatalogue } from '../../core/items/validate.ts';
import { answersToProfile } from '../../core/matching/answers.ts';
import { deriveFacts } from '../../core/rules/derive.ts';
import { evaluate, missingData, type Explanation } from '../../core/rules/evaluate.ts';
import { nearMisses } from '../../core/rules/near-miss.ts';
import type { Outcome, Profile } from '../../core/rules/types.ts';
import { nextQuestions, type CalculatorResult } from '../../core/matching/calculator.ts';
import { compileRule, MET, UNKNOWN } from '../../core/rules/compile.ts';
import { dayNumber } from '../../core/rules/dates.ts';
import { flatten } from '../../core/rules/flatten.ts';
import type { Catalogue, VariableDef } from '../../core/rules/variables.ts';
import { buildMatchingIndex, type MatchingIndex } from '../../core/matching/index.ts';
import type { ItemsService, ItemValidity } from '../items/items.service.ts';
import { todayInChina } from '../../core/rules/dates.ts';
import type { ProfilesService } from '../profiles/profiles.service.ts';
import { materialStatus, type MaterialStatus } from '../../core/items/materials.ts';
import type { Principal } from '../../core/access/policy.ts';
import { maskCitizenId } from '../../core/codes/citizen-id.ts';
import { DomainError } from '../../core/errors.ts';
import { actorOf, type AuditService } from '../audit/audit.service.ts';
import type { ProfileRow } from '../profiles/profiles.repository.ts';

/** Who reads real subjects' data through a use case, from where, and why (个人信息保护法 第六条). */
export interface ProfileUse {
  by: Principal;
  purpose: string;
  ip: string | null;
}

/** Calculator answers that do not fit their questions, each naming its field. */
export class AnswerError extends Error {
  constructor(readonly problems: { field: string; message: string }[]) {
    super(problems.map((p) => `${p.field}：${p.message}`).join('；'));
    this.name = 'AnswerError';
  }
}

export interface ItemMatch {
  code: string;
  name: string;
  kind: string;
  mode: string;
  target: string;
  outcome: Outcome;
  /** One sentence: why, in Chinese. */
  reason: string;
  /** The failing conditions with their gaps ("差一点：…"), for items not met. */
  nearMisses: string[];
  /** For items that may fit: the data still missing. */
  missing: string[];
  benefit: PolicyItemDefinition['benefit'];
  /** The amount for this profile, where the item gives one and the profile has what it is computed from. */
  estimate: BenefitEstimate | null;
  /** Whether applications are open on the day. */
  window: 'open' | 'notYet' | 'closed' | 'always';
  stackingGroup: string | null;
  /** 就高不重复: the item of the same group that is paid instead of this one. */
  coveredBy: string | null;
  /** Which materials shared data already proves, and which the applicant still brings. */
  materials: MaterialStatus[];
  explanation: Explanation;
}

export interface MatchResult {
  asOf: string;
  met: ItemMatch[];
  maybe: ItemMatch[];
  notMet: ItemMatch[];
}

interface Prepared {
  def: PolicyItemDefinition;
  catalogue: Catalogue;
  validity: ItemValidity;
}

interface Loaded {
  key: string;
  items: Prepared[];
  byCode: Map<string, Prepared>;
  /** Every variable any published item uses: the base catalogue plus the items' own. */
  union: Catalogue;
  index: MatchingIndex;
}

const values = (p: Profile) => Object.fromEntries(Object.entries(p.facts).map(([k, f]) => [k, f.value]));

/**
 * Matching (自动匹配): one profile against the published items, each with its explanation, near misses and the
 * materials still needed; and one item against the stored profiles ("how many would this policy reach").
 */
export class MatchingService {
  private cache: Loaded | null = null;

  constructor(
    private readonly items: ItemsService,
    private readonly profiles: ProfilesService,
    /** Records who read real subjects' data in `reach`; without it, real subjects are counted but never listed. */
    private readonly audit?: AuditService,
  ) {}

  /** The published items, their catalogues and the matching index, rebuilt when an item changes. */
  async loaded(): Promise<Loaded> {
    const key = await this.items.publishedFingerprint();
    if (this.cache?.key !== key) {
      const defs = await this.items.published();
      const items = await Promise.all(
        defs.map(async (def) => ({
          def,
          catalogue: itemCatalogue(def),
          validity: await this.items.validityOf(def),
        })),
      );
      this.cache = {
        key,
        items,
        byCode: new Map(items.map((p) => [p.def.code, p])),
        union: unionCatalogue(defs),
        index: buildMatchingIndex(
          items.map(({ def, catalogue }) => ({
            key: def.code,
            target: def.target,
            kind: def.kind,
            rule: def.rule,
            catalogue,
            parameters: def.parameters,
          })),
        ),
      };
    }
    return this.cache;
  }

  /**
   * The published items for a profile, in three lists: 符合, 可能符合 (data missing), 不符合. The matching index
   * leaves out items the profile cannot meet by region, industry or target (another county's subsidy is not a
   * near miss); the rest are evaluated with full explanations.
   */
  async match(
    profile: Profile,
    asOf = todayInChina(),
  ): Promise<MatchResult & { examined: number; published: number }> {
    const loaded = await this.loaded();
    // The index prunes by relevance only (target, region, industry): an item for another county or trade is
    // not shown, but one the profile fails on its own conditions (a C1 licence for the school-bus driver item)
    // is listed as 不符合 with its reason. The index never excludes on a missing value, so leaving the other
    // variables out of the profile it sees does exactly that.
    const flat = flatten(profile, loaded.union);
    const relevance: Record<string, unknown> = {};
    for (const v of loaded.union.variables) {
      if (v.type === 'region' || v.type === 'industry') relevance[v.id] = flat[v.id];
    }
    const candidates = loaded.index.candidates(relevance as typeof flat, profile.kind);
    // Items not in force on the day are not offered (an expired subsidy is not a near miss either).
    const items = candidates
      .map((c) => loaded.byCode.get(c.key)!)
      .filter(
        (p) =>
          (!p.validity.from || p.validity.from <= asOf) && (!p.validity.until || asOf <= p.validity.until),
      );
    const result = {
      asOf,
      met: [],
      maybe: [],
      notMet: [],
      examined: items.length,
      published: loaded.items.length,
    } as MatchResult & {
      examined: number;
      published: number;
    };
    // Derived facts (age, scale …) once for the profile, not once per item.
    const derived = deriveFacts(profile, asOf, loaded.union);
    for (const { def, catalogue } of items) {
      const explanation = evaluate(def.rule, derived, {
        asOf,
        catalogue,
        parameters: def.parameters,
        derived: true,
      });
      const near = nearMisses(explanation);
      const missing = missingData(explanation);
      const m: ItemMatch = {
        code: def.code,
        name: def.name,
        kind: def.kind,
        mode: def.mode,
        target: def.target,
        outcome: explanation.outcome,
        reason:
          explanation.outcome === 'met'
            ? '符合全部条件'
            : explanation.outcome === 'unknown'
              ? `还需确认：${missing.join('、')}`
              : near.summary || `不符合：${near.blocking.map((b) => b.text).join('；')}`,
        nearMisses: near.misses.map((x) => x.message),
        missing,
        benefit: def.benefit,
        estimate: estimateBenefit(def.benefit, values(derived)),
        window: windowStatus(def.window, asOf),
        stackingGroup: def.stackingGroup ?? null,
        coveredBy: null,
        materials: materialStatus(def, explanation, derived),
        explanation,
      };
      (m.outcome === 'met' ? result.met : m.outcome === 'unknown' ? result.maybe : result.notMet).push(m);
    }
    // 就高不重复: among the items that fit, only the highest of a stacking group is paid.
    const covered = resolveStacking(
      result.met.map((m) => ({
        code: m.code,
        stackingGroup: m.stackingGroup ?? undefined,
        estimate: m.estimate,
      })),
    );
    for (const m of result.met) m.coveredBy = covered.get(m.code) ?? null;
    // 免申即享 first among those that fit; fewest unknowns first among the maybes; nearest misses first.
    const modeRank = { 免申即享: 0, 即申即享: 1, 依申请: 2 } as Record<string, number>;
    result.met.sort(
      (a, b) => (modeRank[a.mode] ?? 3) - (modeRank[b.mode] ?? 3) || a.code.localeCompare(b.code),
    );
    result.maybe.sort((a, b) => a.missing.length - b.missing.length || a.code.localeCompare(b.code));
    result.notMet.sort((a, b) => b.nearMisses.length - a.nearMisses.length || a.code.localeCompare(b.code));
    return result;
  }

  /**
   * The policy calculator: the items for an applicant of a kind (or the items asked for), evaluated on the
   * answers so far, and the questions still worth asking. Answers are validated against the variables' types;
   * nothing is stored.
   */
  async calculate(input: {
    kind: Profile['kind'];
    answers: Record<string, unknown>;
    none?: string[];
    items?: string[];
    asOf?: string;
  }): Promise<CalculatorResult & { asOf: string }> {
    const loaded = await this.loaded();
    const asOf = input.asOf ?? todayInChina();
    const { profile: answers, problems } = answersToProfile(
      input.kind,
      input.answers,
      loaded.union,
      asOf,
      input.none,
    );
    const unknownItems = (input.items ?? []).filter((c) => !loaded.byCode.has(c));
    if (unknownItems.length > 0)
      problems.push({ field: 'items', message: `没有这些已发布的事项：${unknownItems.join('、')}` });
    if (problems.length > 0) throw new AnswerError(problems);
    const chosen = input.items?.length ? input.items.map((c) => loaded.byCode.get(c)!) : loaded.items;
    const result = nextQuestions(
      chosen.map(({ def, catalogue }) => ({
        key: def.code,
        name: def.name,
        target: def.target,
        rule: def.rule,
        catalogue,
        parameters: def.parameters,
      })),
      answers,
      asOf,
      { none: input.none },
    );
    return { ...result, asOf };
  }

  /** The variables a form may ask for an applicant of a kind: what published items use. */
  async variables(kind: Profile['kind']): Promise<VariableDef[]> {
    return (await this.loaded()).union.variables.filter((v) => v.entity === kind);
  }

  /**
   * Who an item reaches among the stored profiles on a day: how many fit, how many may fit (data missing), and a
   * page of those that fit. What push notifications and "how many would this policy reach" use.
   *
   * The counts disclose no one. The page names subjects: fictional samples always, real persons and enterprises
   * only for a caller who states why (`use`), and each of them listed is then recorded as a read of their data,
   * all in one transaction, before anything is returned. Without `use`, real subjects that fit are counted in
   * `withheld` instead of listed. Citizen ids are masked either way.
   */
  async reach(code: string, asOf: string, limit: number, offset: number, use?: ProfileUse) {
    const item = (await this.loaded()).byCode.get(code);
    if (!item) return null;
    const purpose = use?.purpose.trim();
    if (use && !purpose)
      throw new DomainError(
        'invalid',
        '请说明查看符合条件者名单的目的（《中华人民共和国个人信息保护法》第六条）',
        'purpose',
      );
    const listReal = use !== undefined && this.audit !== undefined;
    const kinds =
      item.def.target === 'both' ? (['enterprise', 'person'] as const) : ([item.def.target] as const);
    const met: ProfileRow[] = [];
    let maybe = 0;
    let checked = 0;
    let withheld = 0;
    // The compiled rule: the same outcome as evaluate (a property test holds them to it), without explanations.
    const compiled = compileRule(item.def.rule, {
      catalogue: item.catalogue,
      parameters: item.def.parameters,
    });
    const day = dayNumber(asOf)!;
    for (const kind of kinds) {
      for (const row of await this.profiles.all(kind)) {
        checked++;
        const outcome = compiled.evaluate(flatten(row.profile, item.catalogue), day);
        if (outcome === MET) {
          if (row.isSample || listReal) met.push(row);
          else withheld++;
        } else if (outcome === UNKNOWN) maybe++;
      }
    }
    const page = met.slice(offset, offset + limit);
    const real = page.filter((r) => !r.isSample);
    if (use && real.length > 0) {
      await this.audit!.recordMany(
        real.map((r) => ({
          actor: actorOf(use.by),
          action: 'profile.read',
          target: { kind: 'item', id: code },
          subject:
            r.kind === 'person'
              ? { kind: 'person' as const, citizenId: r.subjectKey }
              : { kind: 'enterprise' as const, uscc: r.subjectKey },
          purpose,
          ip: use.ip,
          detail: { profile: r.id, reach: code, asOf, department: use.by.department?.name ?? null },
        })),
      );
    }
    return {
      code,
      asOf,
      checked,
      met: met.length + withheld,
      maybe,
      withheld,
      page: page.map((r) => ({
        id: r.id,
        name: r.name,
        subject: r.kind === 'person' ? maskCitizenId(r.subjectKey) : r.subjectKey,
        isSample: r.isSample,
      })),
    };
  }
}

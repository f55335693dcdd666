import { checkRule, type RuleError } from './check.ts';
import { Generator } from './codegen.ts';
import { isoFromDay, type DayNumber } from './dates.ts';
import type { FlatProfile } from './flatten.ts';
import { parameterIndex } from './operands.ts';
import type { ParameterDef, Rule } from './types.ts';
import type { Catalogue } from './variables.ts';

/**
 * Rules compiled to one JavaScript function each, for matching a profile against many rules (自动匹配). The
 * result agrees with `evaluate` on every checked rule, profile and date (a property test holds it to that),
 * without the explanation. One rule over many profiles at once (matching a population, impact simulation)
 * goes several times faster through `compileBatch` (batch.ts), which agrees with this on every row.
 *
 * Encoding: 0 = notMet, 1 = met, 2 = unknown (NOT_MET, MET, UNKNOWN), so that Kleene's tables are integer
 * comparisons.
 *
 * Fixed ahead of time: per rule, variable keys, literals (dates as day numbers) and the shape of every
 * comparison; per evaluation day, once, when the day changes: parameters in force and date thresholds.
 * "age ≥ 25 on day D" becomes "birthDate ≤ the latest birth date that is 25 on D", and "within the last 36
 * months" becomes "on ≥ D minus 36 months", so the hot path does no calendar arithmetic and allocates nothing.
 *
 * Why generated source and not closures: both were timed on the school-bus rule (9 conditions, profiles from
 * `flatten`, one core of a shared 2-vCPU machine). Closures: about 14 million profiles a second (125 million
 * checks) on a mixed population, 8 million (74 million checks) when every profile passes every condition.
 * Generated code: about 45 million (400 million checks) and 27 million (240 million checks). In a closure
 * tree one property-load site serves every variable and goes megamorphic; generated code loads a constant
 * key at each site. See `codegen.ts` for how the source is kept free of unescaped AST text. Running it needs
 * `new Function`, so a page with a strict Content-Security-Policy should use `evaluate` instead.
 *
 * @example
 * const compiled = compileRule(rule, { catalogue: BASE_CATALOGUE, parameters });
 * const day = dayNumber('2025-06-01')!;
 * const matched = flatProfiles.filter((p) => compiled.evaluate(p, day) === MET);
 */
export const NOT_MET = 0;
export const MET = 1;
export const UNKNOWN = 2;
export type Tri = 0 | 1 | 2;

export interface CompiledRule {
  /** 0 notMet, 1 met, 2 unknown, for a flattened profile on a day (see `dayNumber`). */
  evaluate(values: FlatProfile, asOf: DayNumber): Tri;
  /** Leaf conditions: one evaluation stands for this many profile × condition checks. */
  readonly leaves: number;
  /** The FlatProfile keys the rule reads. */
  readonly variables: readonly string[];
  /** The generated function body, for debugging. */
  readonly source: string;
}

export class RuleCheckError extends Error {
  constructor(readonly errors: RuleError[]) {
    super(`规则未通过检查：${errors.map((e) => e.message).join('；')}`);
    this.name = 'RuleCheckError';
  }
}

/** Checks the rule first: only well-typed rules compile, so the generated code need not guard against ill types. */
type Factory = (n: number[], a: unknown[], h: unknown[], k: unknown[]) => (f: FlatProfile) => Tri;

/**
 * One factory per distinct source. Rules that differ only in their codes and thresholds have the same source
 * (codegen.ts keeps literals out of it), so they share one function: V8 optimises it once and it stays hot
 * when thousands of items are matched in turn, where a function per rule would run cold and be compiled
 * thousands of times. Bounded: past the limit, new structures get a factory of their own, uncached.
 */
const FACTORIES = new Map<string, Factory>();
const MAX_FACTORIES = 5_000;

function factoryFor(source: string): Factory {
  let factory = FACTORIES.get(source);
  if (!factory) {
    // The source holds only generated names and JSON-escaped variable keys; values come in arrays (codegen.ts).
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    factory = new Function(
      'n',
      'a',
      'h',
      'k',
      `"use strict"; return function compiledRule(f) {\n${source}\n};`,
    ) as Factory;
    if (FACTORIES.size < MAX_FACTORIES) FACTORIES.set(source, factory);
  }
  return factory;
}

export function compileRule(
  rule: Rule,
  options: { catalogue: Catalogue; parameters?: readonly ParameterDef[] },
): CompiledRule {
  const parameters = options.parameters ?? [];
  const checked = checkRule(rule, options.catalogue, parameters);
  if (!checked.ok) throw new RuleCheckError(checked.errors);
  const g = new Generator(options.catalogue, parameterIndex(parameters));
  const result = g.rule(rule);
  const source = `${g.lines.join('\n')}\nreturn ${result};`;
  const run = factoryFor(source)(g.num, g.any, g.helpers, g.consts);
  const { num, preparers } = g;
  let day = NaN;
  return {
    evaluate(values, asOf) {
      if (asOf !== day) {
        num[0] = asOf;
        const iso = isoFromDay(asOf);
        for (const prepare of preparers) prepare(asOf, iso);
        day = asOf;
      }
      return run(values);
    },
    leaves: g.leaves,
    variables: [...g.variables],
    source,
  };
}

import { runExample, type ExampleResult } from '../../../../src/core/items/validate.ts';
import { checkRule } from '../../../../src/core/rules/check.ts';
import type { Catalogue } from '../../../../src/core/rules/variables.ts';
import { definitionOf, type EditorDraft } from './draft.ts';

export interface ExampleRun {
  /** What the examples ran against: a run is stale once the rule or an example changes. */
  fingerprint: string;
  results: Pick<ExampleResult, 'name' | 'passed' | 'failures'>[];
}

/** The parts of a draft that decide the examples' outcomes. */
export function examplesFingerprint(d: EditorDraft, catalogue: Catalogue): string {
  const def = definitionOf(d, catalogue);
  return JSON.stringify([def.target, def.rule, def.parameters ?? null, def.examples]);
}

/**
 * Runs the draft's examples in the browser with the evaluator the server uses when it saves and when an item is
 * submitted (src/core/items/validate.ts runExample), so "运行示例" agrees with the server. Null when the rule does
 * not pass the checker yet: its errors are shown on the conditions instead.
 */
export function runExamples(d: EditorDraft, catalogue: Catalogue): ExampleRun | null {
  const def = definitionOf(d, catalogue);
  if (!checkRule(def.rule, catalogue, def.parameters ?? []).ok) return null;
  return {
    fingerprint: examplesFingerprint(d, catalogue),
    results: def.examples.map((ex) => {
      const r = runExample(def, ex, catalogue);
      return { name: r.name, passed: r.passed, failures: r.failures };
    }),
  };
}

/** Why submitting is not possible yet (a message key), or null when every example has passed on this draft. */
export function submitBlocker(
  d: EditorDraft,
  run: ExampleRun | null,
  catalogue: Catalogue,
):
  | 'editor.submit.noExamples'
  | 'editor.submit.notRun'
  | 'editor.submit.stale'
  | 'editor.submit.failing'
  | null {
  if (d.examples.length === 0) return 'editor.submit.noExamples';
  if (!run) return 'editor.submit.notRun';
  if (run.fingerprint !== examplesFingerprint(d, catalogue)) return 'editor.submit.stale';
  if (run.results.some((r) => !r.passed)) return 'editor.submit.failing';
  return null;
}

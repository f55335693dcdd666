import type { PolicyItemDefinition } from './types.ts';
import { findCondition } from './validate.ts';
import type { Explanation } from '../rules/evaluate.ts';
import type { Profile, Source } from '../rules/types.ts';

export interface MaterialStatus {
  id: string;
  name: string;
  required: boolean;
  /** 'proven': every condition it proves is met by shared data or a document already on file; 'needed' otherwise. */
  status: 'proven' | 'needed';
  /** The departments whose data proves it, when proven. */
  provenBy: string[];
}

/**
 * The list of materials an applicant still has to bring, derived from what shared data already proves (MISSION:
 * "derive the list of materials from what shared data already proves"). A material that proves conditions is
 * waived when every one of those conditions is met on facts from shared data or a document on file; a
 * self-declared answer does not waive it, and a material that proves no condition (an application form) is
 * always needed.
 */
export function materialStatus(
  def: PolicyItemDefinition,
  explanation: Explanation,
  profile: Profile,
): MaterialStatus[] {
  // A derived value (age from the citizen id) is as good as the facts it comes from.
  const provenSources = (source: Source, seen = new Set<string>()): Source[] | null => {
    if (source.kind === 'shared' || source.kind === 'document') return [source];
    if (source.kind !== 'derived' || source.from.length === 0) return null;
    const out: Source[] = [];
    for (const v of source.from) {
      const f = profile.facts[v];
      if (!f || seen.has(v)) return null;
      seen.add(v);
      const s = provenSources(f.source, seen);
      if (!s) return null;
      out.push(...s);
    }
    return out;
  };
  return def.materials.map((m) => {
    const nodes = m.proves.map((id) => findCondition(explanation, id));
    const departments = new Set<string>();
    const proven =
      nodes.length > 0 &&
      nodes.every((n) => {
        if (!n || n.outcome !== 'met') return false;
        const used = collectUsed(n);
        return (
          used.length > 0 &&
          used.every((u) => {
            const sources = provenSources(u.source);
            for (const s of sources ?? []) if (s.kind === 'shared') departments.add(s.department);
            return sources !== null;
          })
        );
      });
    return {
      id: m.id,
      name: m.name,
      required: m.required,
      status: proven ? 'proven' : 'needed',
      provenBy: proven ? [...departments] : [],
    };
  });
}

function collectUsed(e: Explanation): Explanation['used'] {
  return [...e.used, ...(e.children ?? []).flatMap(collectUsed)];
}

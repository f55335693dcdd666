import { Button } from 'antd';
import type { ReactNode } from 'react';
import type { ItemSuggestion } from '../../../../src/core/items/suggest.ts';
import { renderCitation } from '../../../../src/core/rules/render.ts';
import { t } from '../../i18n/index.ts';

export type Decision = 'accepted' | 'ignored';

/** One suggestion the editor can accept or ignore, with what it would put in the form. */
export interface SuggestionEntry {
  id: string;
  group: 'name' | 'kind' | 'target' | 'conditions' | 'materials' | 'limits' | 'departments' | 'fees';
  title: string;
  /** The words it rests on, and why. */
  detail: ReactNode;
}

const GROUP_TITLES = {
  name: 'editor.suggest.group.name',
  kind: 'editor.suggest.group.kind',
  target: 'editor.suggest.group.target',
  conditions: 'editor.suggest.group.conditions',
  materials: 'editor.suggest.group.materials',
  limits: 'editor.suggest.group.limits',
  departments: 'editor.suggest.group.departments',
  fees: 'editor.suggest.group.fees',
} as const;

const TARGETS = {
  person: 'editor.target.person',
  enterprise: 'editor.target.enterprise',
  both: 'editor.target.both',
} as const;

/** The suggestions of GET …/suggestion as a list of entries, in the order of the form. */
export function entriesOf(s: ItemSuggestion): SuggestionEntry[] {
  const out: SuggestionEntry[] = [];
  if (s.name) out.push({ id: s.name.id, group: 'name', title: s.name.value, detail: s.name.reason });
  if (s.kind) out.push({ id: s.kind.id, group: 'kind', title: s.kind.value, detail: s.kind.reason });
  if (s.target)
    out.push({
      id: s.target.id,
      group: 'target',
      title: t(TARGETS[s.target.value]),
      detail: s.target.reason,
    });
  for (const c of s.conditions)
    out.push({
      id: c.id,
      group: 'conditions',
      title: `${renderCitation(c.cite, { withDoc: false })} ${c.text}`,
      detail: (
        <>
          {c.polarity === 'excluded' ? <p>{t('editor.suggest.excluded')}</p> : null}
          {c.rules.length ? (
            <ul>
              {c.rules.map((r) => (
                <li key={r.id}>
                  {t('editor.suggest.rule', { reading: r.reading })}
                  {r.note ? <span className="ie-note">（{r.note}）</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {c.uncovered.length ? (
            <p className="ie-uncovered">
              {t('editor.suggest.uncovered', { quotes: c.uncovered.map((u) => `“${u.quote}”`).join('、') })}
            </p>
          ) : null}
        </>
      ),
    });
  for (const m of s.materials)
    out.push({
      id: m.id,
      group: 'materials',
      title: m.name,
      detail: `${renderCitation(m.cite, { withDoc: false })}：${m.reason}`,
    });
  for (const l of s.limits)
    out.push({
      id: l.id,
      group: 'limits',
      title: t(l.workingDays ? 'editor.suggest.limit.workingDays' : 'editor.suggest.limit.days', {
        n: l.amount,
      }),
      detail: [
        l.department && t('editor.suggest.limit.department', { department: l.department }),
        `“${l.clause.quote}”`,
      ]
        .filter(Boolean)
        .join(' '),
    });
  for (const d of s.departments)
    out.push({
      id: d.id,
      group: 'departments',
      title: [d.name, ...d.variants].join(' / '),
      detail: d.roles.map((r) => r.role).join('、') || t('editor.suggest.department.named'),
    });
  for (const f of s.fees)
    out.push({
      id: f.id,
      group: 'fees',
      title: f.text,
      detail: t(f.free ? 'editor.suggest.fee.free' : 'editor.suggest.fee.charged'),
    });
  return out;
}

/**
 * What the console read in the article, each with 采纳 / 忽略. Accepting fills the form; either choice is kept
 * beside the suggestion, so the editor sees what is still to decide.
 */
export function SuggestionsPanel({
  entries,
  decisions,
  onDecide,
  onAcceptAll,
}: {
  entries: readonly SuggestionEntry[];
  decisions: ReadonlyMap<string, Decision>;
  onDecide: (entry: SuggestionEntry, decision: Decision) => void;
  onAcceptAll: () => void;
}) {
  // The buttons give way to the decision: focus stays on the suggestion rather than falling to the page.
  const decide = (e: SuggestionEntry, d: Decision) => {
    onDecide(e, d);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-suggestion="${CSS.escape(e.id)}"] .ie-decision`)?.focus(),
    );
  };
  const open = entries.filter((e) => !decisions.has(e.id)).length;
  const groups = Object.keys(GROUP_TITLES) as SuggestionEntry['group'][];
  return (
    <section aria-labelledby="ie-suggestions" className="ie-suggestions">
      <h2 id="ie-suggestions">{t('editor.suggest.title')}</h2>
      <p role="status">{open ? t('editor.suggest.open', { n: open }) : t('editor.suggest.done')}</p>
      {open ? <Button onClick={onAcceptAll}>{t('editor.suggest.acceptAll', { n: open })}</Button> : null}
      {entries.length === 0 ? <p>{t('editor.suggest.none')}</p> : null}
      {groups.map((g) => {
        const list = entries.filter((e) => e.group === g);
        if (list.length === 0) return null;
        return (
          <div key={g} className="ie-suggest-group">
            <h3>{t(GROUP_TITLES[g])}</h3>
            <ul>
              {list.map((e) => {
                const decision = decisions.get(e.id);
                return (
                  <li
                    key={e.id}
                    className={`ie-suggestion ie-suggestion-${decision ?? 'open'}`}
                    data-suggestion={e.id}
                  >
                    <p className="ie-suggestion-title">{e.title}</p>
                    <div className="ie-suggestion-detail">{e.detail}</div>
                    {decision ? (
                      <p className="ie-decision" tabIndex={-1}>
                        {t(decision === 'accepted' ? 'editor.suggest.accepted' : 'editor.suggest.ignored')}
                      </p>
                    ) : (
                      <div className="ie-actions-inline">
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => decide(e, 'accepted')}
                          aria-label={t('editor.suggest.acceptOf', { title: e.title })}
                        >
                          {t('editor.suggest.accept')}
                        </Button>
                        <Button
                          size="small"
                          onClick={() => decide(e, 'ignored')}
                          aria-label={t('editor.suggest.ignoreOf', { title: e.title })}
                        >
                          {t('editor.suggest.ignore')}
                        </Button>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

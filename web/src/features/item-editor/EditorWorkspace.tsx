import { Button } from 'antd';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { ItemSuggestion } from '../../../../src/core/items/suggest.ts';
import type { Catalogue } from '../../../../src/core/rules/variables.ts';
import { ApiError } from '../../api/client.ts';
import { errorMessage } from '../../app/components/LoadState.tsx';
import { t } from '../../i18n/index.ts';
import { saveDraft, submitForReview } from './api.ts';
import { acceptSuggestion, definitionOf, type EditorDraft } from './draft.ts';
import { runExamples, submitBlocker, type ExampleRun } from './examples.ts';
import { ExamplesPanel } from './ExamplesPanel.tsx';
import { ItemForm } from './ItemForm.tsx';
import { draftProblems, fieldName, type ItemProblem } from './problems.ts';
import { entriesOf, SuggestionsPanel, type Decision, type SuggestionEntry } from './SuggestionsPanel.tsx';

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; what: 'save' | 'submit' }
  | { kind: 'saved'; version: number; changed: boolean }
  | { kind: 'submitted'; version: number }
  | { kind: 'error'; message: string };

/**
 * The editor's working area: the form (with the rule builder and the examples), the suggestions of a split
 * beside it, and the two actions. Saving runs the server's checks; submitting stays disabled, saying why,
 * until every example has passed on the draft as it now is (the server runs them once more on submit).
 */
export function EditorWorkspace({
  initial,
  codeLocked,
  catalogueOf,
  split,
}: {
  initial: EditorDraft;
  codeLocked: boolean;
  catalogueOf: (d: EditorDraft) => Catalogue;
  split?: { suggestion: ItemSuggestion; docNumber: string; aside: ReactNode };
}) {
  const [draft, setDraft] = useState(initial);
  const [decisions, setDecisions] = useState<Map<string, Decision>>(new Map());
  const [run, setRun] = useState<ExampleRun | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [serverProblems, setServerProblems] = useState<ItemProblem[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const summaryRef = useRef<HTMLDivElement>(null);
  const catalogue = catalogueOf(draft);

  const problems = useMemo(() => draftProblems(draft, catalogue), [draft, catalogue]);
  const shown = showAll ? [...problems, ...serverProblems] : serverProblems;
  // The rule's problems are shown as it is built: the builder is where they are fixed.
  const ruleProblems = useMemo(
    () => [...problems, ...serverProblems].filter((p) => p.field === 'rule' || p.field.startsWith('rule.')),
    [problems, serverProblems],
  );
  const blocker = submitBlocker(draft, run, catalogue);
  const entries = useMemo(() => (split ? entriesOf(split.suggestion) : []), [split]);

  const change = (d: EditorDraft) => {
    setDraft(d);
    setServerProblems([]);
    if (status.kind !== 'busy') setStatus({ kind: 'idle' });
  };
  const decide = (e: SuggestionEntry, decision: Decision) => {
    if (decision === 'accepted' && split)
      change(acceptSuggestion(draft, split.suggestion, e.id, split.docNumber));
    setDecisions(new Map(decisions).set(e.id, decision));
  };
  const acceptAll = () => {
    if (!split) return;
    let d = draft;
    const next = new Map(decisions);
    for (const e of entries) {
      if (next.has(e.id)) continue;
      d = acceptSuggestion(d, split.suggestion, e.id, split.docNumber);
      next.set(e.id, 'accepted');
    }
    change(d);
    setDecisions(next);
  };

  /** Problems first (shown on their fields, listed above the actions); otherwise the server's answer. */
  const save = async (): Promise<number | null> => {
    if (problems.length > 0) {
      setShowAll(true);
      setStatus({ kind: 'error', message: t('editor.status.problems', { n: problems.length }) });
      requestAnimationFrame(() => summaryRef.current?.focus());
      return null;
    }
    try {
      const saved = await saveDraft(definitionOf(draft, catalogue));
      setStatus({ kind: 'saved', version: saved.version, changed: saved.changed });
      return saved.version;
    } catch (e) {
      const errors = e instanceof ApiError ? (e.problem?.errors ?? []) : [];
      setServerProblems(errors);
      setShowAll(true);
      setStatus({ kind: 'error', message: errorMessage(e) });
      requestAnimationFrame(() => summaryRef.current?.focus());
      return null;
    }
  };
  const onSave = async () => {
    setStatus({ kind: 'busy', what: 'save' });
    await save();
  };
  const onSubmit = async () => {
    setStatus({ kind: 'busy', what: 'submit' });
    if ((await save()) === null) return;
    try {
      const submitted = await submitForReview(draft.code.trim());
      setStatus({ kind: 'submitted', version: submitted.version });
    } catch (e) {
      setStatus({ kind: 'error', message: errorMessage(e) });
    }
  };

  const busy = status.kind === 'busy';
  const form = (
    <>
      <ItemForm
        draft={draft}
        catalogue={catalogue}
        problems={shown}
        ruleProblems={ruleProblems}
        codeLocked={codeLocked}
        onChange={change}
      />
      <ExamplesPanel
        draft={draft}
        catalogue={catalogue}
        run={run}
        problems={shown}
        onChange={(examples) => change({ ...draft, examples })}
        onRun={() => setRun(runExamples(draft, catalogue))}
      />
      <section className="ie-section ie-submit" aria-labelledby="ie-submit-title">
        <h2 id="ie-submit-title">{t('editor.section.submit')}</h2>
        {shown.length > 0 ? (
          <div
            ref={summaryRef}
            tabIndex={-1}
            className="ie-problems"
            role="alert"
            aria-labelledby="ie-problems-title"
          >
            <h3 id="ie-problems-title">{t('editor.problems.title', { n: shown.length })}</h3>
            <ul>
              {shown.map((p, i) => (
                <li key={`${p.field}-${i}`}>
                  <strong>{fieldName(p.field)}</strong>：{p.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="ie-actions-inline">
          <Button
            onClick={() => void onSave()}
            loading={busy && status.what === 'save'}
            disabled={busy || status.kind === 'submitted'}
          >
            {t('editor.save')}
          </Button>
          <Button
            type="primary"
            onClick={() => void onSubmit()}
            loading={busy && status.what === 'submit'}
            disabled={blocker !== null || busy || status.kind === 'submitted'}
            aria-describedby="ie-submit-why"
          >
            {t('editor.submit')}
          </Button>
        </div>
        <p id="ie-submit-why" className="field-hint">
          {blocker ? t(blocker) : t('editor.submit.ready')}
        </p>
        <p role="status" className="ie-status" data-status={status.kind}>
          {status.kind === 'saved' ? (
            t(status.changed ? 'editor.status.saved' : 'editor.status.unchanged', { version: status.version })
          ) : status.kind === 'submitted' ? (
            <>
              {t('editor.status.submitted', { version: status.version })}{' '}
              <Link to="/staff">{t('editor.status.toWorklist')}</Link>
            </>
          ) : status.kind === 'error' ? (
            <span className="field-error">{status.message}</span>
          ) : status.kind === 'busy' ? (
            t('editor.status.busy')
          ) : (
            ''
          )}
        </p>
      </section>
    </>
  );

  if (!split) return <div className="ie-layout">{form}</div>;
  return (
    <div className="ie-layout ie-layout-split">
      {/* On a wide screen the aside scrolls on its own: focusable, so the keyboard can scroll it too. */}
      <aside className="ie-aside" aria-label={t('editor.aside')} tabIndex={0}>
        {split.aside}
        <SuggestionsPanel entries={entries} decisions={decisions} onDecide={decide} onAcceptAll={acceptAll} />
      </aside>
      <div className="ie-main">{form}</div>
    </div>
  );
}

import { Checkbox, Input } from 'antd';
import { useState } from 'react';
import { ITEM_KINDS, ITEM_MODES, ITEM_TARGETS } from '../../../../src/core/items/types.ts';
import type { Citation } from '../../../../src/core/rules/types.ts';
import type { Catalogue } from '../../../../src/core/rules/variables.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { ChoiceSelect } from '../calculator/ChoiceSelect.tsx';
import { citationText, parseCitation } from '../rule-builder/citation.ts';
import { RuleBuilder } from '../rule-builder/RuleBuilder.tsx';
import type { EditorDraft } from './draft.ts';
import { MaterialsSection, ProcedureSection } from './ProcedureSections.tsx';
import { Field } from './Field.tsx';
import { problemsAt, type ItemProblem } from './problems.ts';

const TARGET_LABELS: Record<(typeof ITEM_TARGETS)[number], MessageKey> = {
  person: 'editor.target.person',
  enterprise: 'editor.target.enterprise',
  both: 'editor.target.both',
};

interface Props {
  draft: EditorDraft;
  catalogue: Catalogue;
  /** Problems shown on their fields (after a first attempt to save); the rule's are always shown. */
  problems: readonly ItemProblem[];
  ruleProblems: readonly ItemProblem[];
  /** An item being revised keeps its code. */
  codeLocked: boolean;
  onChange: (d: EditorDraft) => void;
}

/** The item's fields, in the order of a service guide (办事指南): what it is, its conditions, materials, procedure. */
export function ItemForm({ draft: d, catalogue, problems, ruleProblems, codeLocked, onChange }: Props) {
  const set = (patch: Partial<EditorDraft>) => onChange({ ...d, ...patch });
  const errors = (field: string) => problemsAt(problems, field).map((p) => p.message);
  const own = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message);

  return (
    <div className="ie-form">
      <section aria-labelledby="ie-basic" className="ie-section">
        <h2 id="ie-basic">{t('editor.section.basic')}</h2>
        <div className="ie-grid">
          <Field
            id="ie-code"
            label={t('editor.field.code')}
            errors={own('code')}
            hint={t('editor.hint.code')}
          >
            {(c) => (
              <Input
                {...c}
                value={d.code}
                disabled={codeLocked}
                onChange={(e) => set({ code: e.target.value.toUpperCase() })}
              />
            )}
          </Field>
          <Field id="ie-name" label={t('editor.field.name')} errors={own('name')}>
            {(c) => <Input {...c} value={d.name} onChange={(e) => set({ name: e.target.value })} />}
          </Field>
          <Field id="ie-kind" label={t('editor.field.kind')} errors={own('kind')}>
            {(c) => (
              <ChoiceSelect
                id={c.id}
                describedBy={c['aria-describedby']}
                invalid={c['aria-invalid']}
                value={d.kind || undefined}
                options={ITEM_KINDS.map((k) => ({ value: k, label: k }))}
                onChange={(kind) => set({ kind: kind ?? '' })}
              />
            )}
          </Field>
          <Field id="ie-target" label={t('editor.field.target')} errors={own('target')}>
            {(c) => (
              <ChoiceSelect
                id={c.id}
                value={d.target}
                options={ITEM_TARGETS.map((v) => ({ value: v, label: t(TARGET_LABELS[v]) }))}
                onChange={(target) => target && set({ target })}
              />
            )}
          </Field>
          <Field id="ie-mode" label={t('editor.field.mode')} errors={own('mode')}>
            {(c) => (
              <ChoiceSelect
                id={c.id}
                value={d.mode}
                options={ITEM_MODES.map((m) => ({ value: m, label: m }))}
                onChange={(mode) => mode && set({ mode })}
              />
            )}
          </Field>
        </div>
        <Field id="ie-summary" label={t('editor.field.summary')} errors={own('summary')}>
          {(c) => (
            <Input.TextArea
              {...c}
              rows={3}
              value={d.summary}
              onChange={(e) => set({ summary: e.target.value })}
            />
          )}
        </Field>
        <BasisInput basis={d.basis} errors={errors('basis')} onChange={(basis) => set({ basis })} />
      </section>

      <section aria-labelledby="ie-conditions" className="ie-section">
        <h2 id="ie-conditions">{t('editor.section.conditions')}</h2>
        <Field
          id="ie-conditions-text"
          label={t('editor.field.conditionsText')}
          errors={own('conditionsText')}
        >
          {(c) => (
            <Input.TextArea
              {...c}
              rows={6}
              value={d.conditionsText}
              onChange={(e) => set({ conditionsText: e.target.value })}
            />
          )}
        </Field>
        <h3>{t('editor.field.rule')}</h3>
        <RuleBuilder
          root={d.rule}
          catalogue={catalogue}
          target={d.target}
          problems={ruleProblems}
          onChange={(rule) => set({ rule })}
        />
      </section>

      <MaterialsSection draft={d} problems={problems} onChange={onChange} />

      <ProcedureSection draft={d} problems={problems} onChange={onChange} />

      <section aria-labelledby="ie-departments" className="ie-section">
        <h2 id="ie-departments">{t('editor.section.departments')}</h2>
        <div className="ie-grid">
          <Field id="ie-lead" label={t('editor.field.lead')} errors={own('departments.lead')}>
            {(c) => (
              <Input
                {...c}
                value={d.departments.lead}
                onChange={(e) => set({ departments: { ...d.departments, lead: e.target.value } })}
              />
            )}
          </Field>
          <Field id="ie-co" label={t('editor.field.co')} hint={t('editor.hint.list')}>
            {(c) => (
              <Input
                {...c}
                value={d.departments.co.join('、')}
                onChange={(e) =>
                  set({
                    departments: {
                      ...d.departments,
                      co: e.target.value
                        .split(/[、,，]/)
                        .map((s) => s.trim())
                        .filter(Boolean),
                    },
                  })
                }
              />
            )}
          </Field>
          <Field
            id="ie-fees"
            label={t('editor.field.fees')}
            errors={own('fees.text')}
            hint={t('editor.hint.fees')}
          >
            {(c) => (
              <Input
                {...c}
                value={d.fees.text}
                onChange={(e) => set({ fees: { ...d.fees, text: e.target.value } })}
              />
            )}
          </Field>
          <Checkbox
            checked={d.fees.free}
            onChange={(e) => set({ fees: { ...d.fees, free: e.target.checked } })}
          >
            {t('editor.field.free')}
          </Checkbox>
          <Field id="ie-consult" label={t('editor.field.consult')}>
            {(c) => (
              <Input
                {...c}
                value={d.contacts.consult ?? ''}
                onChange={(e) => set({ contacts: { ...d.contacts, consult: e.target.value || undefined } })}
              />
            )}
          </Field>
          <Field id="ie-complaint" label={t('editor.field.complaint')}>
            {(c) => (
              <Input
                {...c}
                value={d.contacts.complaint ?? ''}
                onChange={(e) => set({ contacts: { ...d.contacts, complaint: e.target.value || undefined } })}
              />
            )}
          </Field>
        </div>
        <Field
          id="ie-benefit"
          label={t('editor.field.benefit')}
          errors={errors('benefit')}
          hint={t('editor.hint.benefit')}
        >
          {(c) => (
            <Input
              {...c}
              value={d.benefit.description}
              onChange={(e) => set({ benefit: { ...d.benefit, description: e.target.value } })}
            />
          )}
        </Field>
      </section>
    </div>
  );
}

/**
 * The articles the item comes from, typed as printed and separated by ；. What cannot be read stays in the field
 * with the parser's reason; the basis changes only when every part reads.
 */
function BasisInput({
  basis,
  errors,
  onChange,
}: {
  basis: EditorDraft['basis'];
  errors: string[];
  onChange: (basis: EditorDraft['basis']) => void;
}) {
  const shown = basis.map((b) => citationText(b)).join('；');
  const [text, setText] = useState(shown);
  const [last, setLast] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  if (shown !== last) {
    setLast(shown);
    setText(shown);
    setProblem(null);
  }
  const commit = () => {
    const inherited = basis.find((b): b is Citation => 'article' in b && b.article !== undefined);
    const parsed = text
      .split(/[；;\n]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((p) => parseCitation(p, inherited));
    const bad = parsed.find((p) => !p.ok);
    if (bad && !bad.ok) return setProblem(bad.error);
    setProblem(null);
    onChange(parsed.flatMap((p) => (p.ok ? [p.cite] : [])));
  };
  return (
    <Field
      id="ie-basis"
      label={t('editor.field.basis')}
      errors={problem ? [problem, ...errors] : errors}
      hint={t('editor.hint.basis')}
    >
      {(c) => <Input {...c} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} />}
    </Field>
  );
}

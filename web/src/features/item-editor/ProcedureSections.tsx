import { Button, Checkbox, Input, InputNumber } from 'antd';
import { MATERIAL_SOURCES } from '../../../../src/core/items/types.ts';
import { t, type MessageKey } from '../../i18n/index.ts';
import { citationText } from '../rule-builder/citation.ts';
import { CitationInput } from '../rule-builder/CitationInput.tsx';
import type { EditorDraft, MaterialRow } from './draft.ts';
import { Field } from './Field.tsx';
import { problemsAt, type ItemProblem } from './problems.ts';

const SOURCE_LABELS: Record<(typeof MATERIAL_SOURCES)[number], MessageKey> = {
  upload: 'editor.source.upload',
  licence: 'editor.source.licence',
  shared: 'editor.source.shared',
  commitment: 'editor.source.commitment',
};

interface SectionProps {
  draft: EditorDraft;
  problems: readonly ItemProblem[];
  onChange: (d: EditorDraft) => void;
}

function helpers({ draft: d, problems, onChange }: SectionProps) {
  return {
    set: (patch: Partial<EditorDraft>) => onChange({ ...d, ...patch }),
    errors: (field: string) => problemsAt(problems, field).map((p) => p.message),
    own: (field: string) => problems.filter((p) => p.field === field).map((p) => p.message),
  };
}

/** The materials: name, how each can be obtained, whether it is required, and the conditions it proves. */
export function MaterialsSection(props: SectionProps) {
  const d = props.draft;
  const { set, errors, own } = helpers(props);
  const setMaterial = (i: number, patch: Partial<MaterialRow>) =>
    set({ materials: d.materials.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  return (
    <section aria-labelledby="ie-materials" className="ie-section">
      <h2 id="ie-materials">{t('editor.section.materials')}</h2>
      {d.materials.length === 0 ? <p className="ie-empty">{t('editor.materials.none')}</p> : null}
      <ol className="ie-rows">
        {d.materials.map((m, i) => (
          <li key={`${m.id}-${i}`} className="ie-row">
            <Field
              id={`ie-material-${i}-name`}
              label={t('editor.material.name', { n: i + 1 })}
              errors={own(`materials[${i}].name`)}
            >
              {(c) => (
                <Input {...c} value={m.name} onChange={(e) => setMaterial(i, { name: e.target.value })} />
              )}
            </Field>
            <fieldset className="ie-sources">
              <legend>{t('editor.material.sources')}</legend>
              {MATERIAL_SOURCES.map((s) => (
                <Checkbox
                  key={s}
                  checked={m.sources.includes(s)}
                  onChange={(e) =>
                    setMaterial(i, {
                      sources: e.target.checked ? [...m.sources, s] : m.sources.filter((x) => x !== s),
                    })
                  }
                >
                  {t(SOURCE_LABELS[s])}
                </Checkbox>
              ))}
            </fieldset>
            <Checkbox checked={m.required} onChange={(e) => setMaterial(i, { required: e.target.checked })}>
              {t('editor.material.required')}
            </Checkbox>
            <p className="ie-proves">
              {t('editor.material.proves', { ids: m.proves.join('、') || t('editor.material.provesNone') })}
              {m.cite ? ` · ${citationText(m.cite)}` : ''}
            </p>
            {errors(`materials[${i}]`).filter((e) => !own(`materials[${i}].name`).includes(e)).length ? (
              <p className="field-error">{errors(`materials[${i}]`).join('；')}</p>
            ) : null}
            <Button
              danger
              size="small"
              onClick={() => set({ materials: d.materials.filter((_, j) => j !== i) })}
              aria-label={t('editor.material.remove', { name: m.name || i + 1 })}
            >
              {t('editor.remove')}
            </Button>
          </li>
        ))}
      </ol>
      <Button
        onClick={() =>
          set({
            materials: [
              ...d.materials,
              {
                id: `material-${d.materials.length + 1}`,
                name: '',
                required: true,
                sources: ['upload'],
                proves: [],
              },
            ],
          })
        }
      >
        {t('editor.material.add')}
      </Button>
    </section>
  );
}

/** The steps with their department and working days, and the statutory and promised limits (法定/承诺时限). */
export function ProcedureSection(props: SectionProps) {
  const d = props.draft;
  const { set, own } = helpers(props);
  return (
    <section aria-labelledby="ie-procedure" className="ie-section">
      <h2 id="ie-procedure">{t('editor.section.procedure')}</h2>
      <ol className="ie-rows">
        {d.process.map((p, i) => (
          <li key={i} className="ie-row ie-grid">
            <Field
              id={`ie-step-${i}-name`}
              label={t('editor.step.name', { n: i + 1 })}
              errors={own(`process[${i}].name`)}
            >
              {(c) => (
                <Input
                  {...c}
                  value={p.name}
                  onChange={(e) =>
                    set({
                      process: d.process.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                    })
                  }
                />
              )}
            </Field>
            <Field
              id={`ie-step-${i}-department`}
              label={t('editor.step.department')}
              errors={own(`process[${i}].department`)}
            >
              {(c) => (
                <Input
                  {...c}
                  value={p.department}
                  onChange={(e) =>
                    set({
                      process: d.process.map((x, j) => (j === i ? { ...x, department: e.target.value } : x)),
                    })
                  }
                />
              )}
            </Field>
            <Field id={`ie-step-${i}-days`} label={t('editor.step.days')}>
              {(c) => (
                <InputNumber
                  {...c}
                  min={1}
                  precision={0}
                  value={p.workingDays ?? null}
                  onChange={(v) =>
                    set({
                      process: d.process.map((x, j) => {
                        if (j !== i) return x;
                        const { workingDays: _w, ...rest } = x;
                        return typeof v === 'number' ? { ...rest, workingDays: v } : rest;
                      }),
                    })
                  }
                />
              )}
            </Field>
            <Button
              danger
              size="small"
              onClick={() => set({ process: d.process.filter((_, j) => j !== i) })}
              aria-label={t('editor.step.remove', { n: i + 1 })}
            >
              {t('editor.remove')}
            </Button>
          </li>
        ))}
      </ol>
      <Button onClick={() => set({ process: [...d.process, { name: '', department: d.departments.lead }] })}>
        {t('editor.step.add')}
      </Button>
      <div className="ie-grid">
        <Field id="ie-statutory" label={t('editor.field.statutoryDays')} errors={own('limits.statutoryDays')}>
          {(c) => (
            <InputNumber
              {...c}
              min={1}
              precision={0}
              value={d.limits.statutoryDays ?? null}
              onChange={(v) => {
                const { statutoryDays: _s, ...rest } = d.limits;
                set({ limits: typeof v === 'number' ? { ...rest, statutoryDays: v } : rest });
              }}
            />
          )}
        </Field>
        <Field id="ie-promised" label={t('editor.field.promisedDays')} errors={own('limits.promisedDays')}>
          {(c) => (
            <InputNumber
              {...c}
              min={1}
              precision={0}
              value={d.limits.promisedDays ?? null}
              onChange={(v) => {
                const { promisedDays: _p, ...rest } = d.limits;
                set({ limits: typeof v === 'number' ? { ...rest, promisedDays: v } : rest });
              }}
            />
          )}
        </Field>
        <CitationInput
          id="ie-limits-cite"
          value={d.limits.cite && 'article' in d.limits.cite ? d.limits.cite : undefined}
          inherited={undefined}
          optional
          onChange={(cite) => {
            const { cite: _c, ...rest } = d.limits;
            set({ limits: cite ? { ...rest, cite } : rest });
          }}
        />
      </div>
      <Field id="ie-limits-note" label={t('editor.field.limitsNote')}>
        {(c) => (
          <Input
            {...c}
            value={d.limits.note ?? ''}
            onChange={(e) => set({ limits: { ...d.limits, note: e.target.value || undefined } })}
          />
        )}
      </Field>
    </section>
  );
}

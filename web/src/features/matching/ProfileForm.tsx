import { useQuery } from '@tanstack/react-query';
import { Button, Input, Radio } from 'antd';
import { useState, type FormEvent } from 'react';
import type { Target } from '../../api/items.ts';
import { itemQueries, type MatchRequest } from '../../api/item-queries.ts';
import { FormField } from '../../app/components/FormField.tsx';
import { t } from '../../i18n/index.ts';
import { ChoiceSelect } from '../calculator/ChoiceSelect.tsx';
import { DateInput } from '../calculator/DateInput.tsx';
import { LIAOCHENG_COUNTIES, regionName } from '../items/regions.ts';
import { targetLabel, TARGETS } from '../items/format.ts';

type How = 'sample' | 'typed';
type Field = 'sample' | 'uscc' | 'citizenId' | 'region' | 'industry' | 'licenceClass' | 'licensedOn';

interface Typed {
  uscc: string;
  region?: string;
  industry: string;
  citizenId: string;
  licenceClass?: string;
  licensedOn?: string;
  healthy: '' | 'yes' | 'no';
}

const EMPTY: Typed = { uscc: '', industry: '', citizenId: '', healthy: '' };
/** As the variables API lists them; used until it has answered. */
const LICENCE_CLASSES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2'];

/**
 * The record for POST /api/match. The id is a record field (the server checks its check character and derives
 * birth date and region from a citizen id); what else the visitor types goes in `extra`, which the server
 * takes as declared by the applicant (本人申报) rather than as a department's shared data.
 */
export function typedRequest(kind: Target, v: Typed): MatchRequest {
  const extra: Record<string, string | boolean> = {};
  if (kind === 'enterprise') {
    if (v.region) extra['enterprise.region'] = v.region;
    if (v.industry.trim()) extra['enterprise.industry'] = v.industry.trim().toUpperCase();
    return { record: { kind, fields: { uscc: v.uscc.trim().toUpperCase(), extra } } };
  }
  if (v.licenceClass) extra['person.licenceClass'] = v.licenceClass;
  if (v.licensedOn) extra['person.licensedOn'] = v.licensedOn;
  if (v.healthy) extra['person.healthy'] = v.healthy === 'yes';
  return { record: { kind, fields: { citizenId: v.citizenId.trim().toUpperCase(), extra } } };
}

/**
 * Whom to match: a fictional sample profile, or an id (USCC or citizen id) and a few facts typed in. Errors the
 * server names (`record.fields.uscc`) are shown at that field, and cleared when the field changes.
 */
export function ProfileForm({
  serverErrors,
  busy,
  onSubmit,
}: {
  /** By record field: uscc, citizenId … */
  serverErrors: Record<string, string>;
  busy: boolean;
  onSubmit: (request: MatchRequest, label: string | null, kind: Target) => void;
}) {
  const [how, setHow] = useState<How>('sample');
  const [kind, setKind] = useState<Target>('person');
  const [sampleId, setSampleId] = useState<number | undefined>();
  const [typed, setTyped] = useState<Typed>(EMPTY);
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const samples = useQuery(itemQueries.sampleProfiles(kind));
  const variables = useQuery({
    ...itemQueries.variables('person'),
    enabled: how === 'typed' && kind === 'person',
  });
  const licenceClasses =
    variables.data?.find((v) => v.id === 'person.licenceClass')?.values ?? LICENCE_CLASSES;

  const errorOf = (f: Field) => local[f] ?? (edited.has(f) ? undefined : serverErrors[f]);
  const aria = (f: Field) => {
    const error = errorOf(f);
    return {
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `match-${f}-error` : undefined,
    };
  };
  const set = (patch: Partial<Typed>, field: Field) => {
    setTyped((v) => ({ ...v, ...patch }));
    setLocal((l) => ({ ...l, [field]: undefined }));
    setEdited((e) => new Set(e).add(field));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setEdited(new Set());
    if (how === 'sample') {
      const sample = samples.data?.find((s) => s.id === sampleId);
      if (!sample) {
        setLocal({ sample: t('match.chooseSample') });
        return;
      }
      setLocal({});
      onSubmit({ sampleId: sample.id }, sample.name, kind);
      return;
    }
    const field: Field = kind === 'enterprise' ? 'uscc' : 'citizenId';
    const label = t(kind === 'enterprise' ? 'match.uscc' : 'match.citizenId');
    const id = (kind === 'enterprise' ? typed.uscc : typed.citizenId).trim();
    const problem =
      id === ''
        ? t('match.requiredField', { label })
        : id.length !== 18
          ? t('match.length18', { label })
          : null;
    if (problem) {
      setLocal({ [field]: problem });
      return;
    }
    setLocal({});
    onSubmit(typedRequest(kind, typed), null, kind);
  };

  return (
    <form className="panel profile-form" onSubmit={submit} noValidate aria-labelledby="match-form-title">
      <h2 id="match-form-title">{t('match.formTitle')}</h2>
      <div className="form-switches">
        <fieldset>
          <legend>{t('match.how')}</legend>
          <Radio.Group
            optionType="button"
            value={how}
            onChange={(e) => {
              setHow(e.target.value as How);
              setLocal({});
            }}
            options={[
              { value: 'sample', label: t('match.how.sample') },
              { value: 'typed', label: t('match.how.typed') },
            ]}
          />
        </fieldset>
        <fieldset>
          <legend>{t('match.kind')}</legend>
          <Radio.Group
            optionType="button"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Target);
              setSampleId(undefined);
              setLocal({});
            }}
            options={TARGETS.map((k) => ({ value: k, label: targetLabel(k) }))}
          />
        </fieldset>
      </div>

      {how === 'sample' ? (
        <>
          <p className="muted samples-note">{t('match.samplesNote')}</p>
          <FormField id="match-sample" label={t('match.sample')} error={errorOf('sample')}>
            <ChoiceSelect
              id="match-sample"
              value={sampleId}
              placeholder={samples.isPending ? t('common.loading') : t('match.samplePlaceholder')}
              onChange={(v) => {
                setSampleId(v);
                setLocal({});
              }}
              options={(samples.data ?? []).map((s) => ({
                value: s.id,
                label: t('match.sampleOption', {
                  name: s.name,
                  subject: s.subject,
                  region: s.region ? regionName(s.region) : t('common.none'),
                }),
              }))}
              describedBy={errorOf('sample') ? 'match-sample-error' : undefined}
              invalid={!!errorOf('sample')}
            />
          </FormField>
        </>
      ) : kind === 'enterprise' ? (
        <>
          <p className="muted">{t('match.typedNote')}</p>
          <FormField id="match-uscc" label={t('match.uscc')} error={errorOf('uscc')}>
            <Input
              id="match-uscc"
              value={typed.uscc}
              maxLength={18}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => set({ uscc: e.target.value }, 'uscc')}
              {...aria('uscc')}
            />
          </FormField>
          <FormField id="match-region" label={t('match.region')} optional>
            <ChoiceSelect
              id="match-region"
              allowEmpty
              placeholder={t('match.notGiven')}
              value={typed.region}
              onChange={(v) => set({ region: v }, 'region')}
              options={LIAOCHENG_COUNTIES.map((c) => ({ value: c.code, label: c.name }))}
            />
          </FormField>
          <FormField id="match-industry" label={t('match.industry')} optional>
            <Input
              id="match-industry"
              value={typed.industry}
              maxLength={5}
              autoComplete="off"
              placeholder="C3451"
              aria-describedby="match-industry-hint"
              onChange={(e) => set({ industry: e.target.value }, 'industry')}
            />
            <p id="match-industry-hint" className="field-hint">
              {t('calc.industryHint')}
            </p>
          </FormField>
        </>
      ) : (
        <>
          <p className="muted">{t('match.typedNote')}</p>
          <FormField id="match-citizenId" label={t('match.citizenId')} error={errorOf('citizenId')}>
            <Input
              id="match-citizenId"
              value={typed.citizenId}
              maxLength={18}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => set({ citizenId: e.target.value }, 'citizenId')}
              {...aria('citizenId')}
            />
          </FormField>
          <FormField id="match-licenceClass" label={t('match.licenceClass')} optional>
            <ChoiceSelect
              id="match-licenceClass"
              allowEmpty
              placeholder={t('match.notGiven')}
              value={typed.licenceClass}
              onChange={(v) => set({ licenceClass: v }, 'licenceClass')}
              options={licenceClasses.map((c) => ({ value: c, label: c }))}
            />
          </FormField>
          <FormField id="match-licensedOn" label={t('match.licensedOn')} optional>
            <DateInput
              id="match-licensedOn"
              value={typed.licensedOn}
              onChange={(v) => set({ licensedOn: v || undefined }, 'licensedOn')}
            />
          </FormField>
          <fieldset className="form-field">
            <legend>
              {t('match.healthy')}
              <span className="muted">{t('match.optional')}</span>
            </legend>
            <Radio.Group
              value={typed.healthy}
              onChange={(e) => setTyped((v) => ({ ...v, healthy: e.target.value as Typed['healthy'] }))}
              options={[
                { value: 'yes', label: t('calc.yes') },
                { value: 'no', label: t('calc.no') },
                { value: '', label: t('match.notGiven') },
              ]}
            />
          </fieldset>
        </>
      )}
      <p className="form-actions">
        <Button type="primary" htmlType="submit" disabled={busy}>
          {t('match.submit')}
        </Button>
      </p>
    </form>
  );
}

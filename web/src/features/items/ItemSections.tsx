import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Citation, ItemDetail } from '../../api/items.ts';
import { itemQueries } from '../../api/item-queries.ts';
import { useChannel } from '../../app/channel.tsx';
import { Loading, LoadError } from '../../app/components/LoadState.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { list, t, type MessageKey } from '../../i18n/index.ts';
import { citationText } from './citation.ts';
import { CiteLink } from './Cite.tsx';
import { benefitText } from './format.ts';

type DocIds = ReadonlyMap<string, number>;

function SmallCite({ cite, ids }: { cite: Citation | undefined; ids: DocIds }) {
  if (!cite) return null;
  return (
    <p className="cite-line">
      <span className="cite-label">{t('item.cite')}</span>
      <CiteLink cite={citationText(cite)} documentId={ids.get(cite.doc)} />
    </p>
  );
}

/** 申请材料, each with the ways it can be provided: 上传 / 电子证照 / 共享数据 / 告知承诺. */
export function Materials({ item, ids }: { item: ItemDetail; ids: DocIds }) {
  const { materials } = item.definition;
  return (
    <section className="item-section" aria-labelledby="item-materials">
      <h2 id="item-materials">
        {t('item.materials')}
        <span className="heading-count">{t('item.materialsCount', { count: materials.length })}</span>
      </h2>
      <ol className="material-list">
        {materials.map((m) => (
          <li key={m.id} className="material">
            <p className="material-name">
              <span className={m.required ? 'tag tag-strong' : 'tag'}>
                {t(m.required ? 'item.material.required' : 'item.material.optional')}
              </span>
              {m.name}
            </p>
            <p className="material-sources">
              <span className="muted">{t('item.material.sources')}</span>
              {m.sources.map((s) => (
                <span key={s} className={`tag tag-source tag-source-${s}`}>
                  {t(`material.${s}`)}
                </span>
              ))}
            </p>
            {m.note ? <p className="material-note">{m.note}</p> : null}
            <SmallCite cite={m.cite} ids={ids} />
          </li>
        ))}
      </ol>
    </section>
  );
}

/** 办理流程: each step, its department and its limit in working days (工作日), or that the text sets none. */
export function Process({ item, ids }: { item: ItemDetail; ids: DocIds }) {
  return (
    <section className="item-section" aria-labelledby="item-process">
      <h2 id="item-process">{t('item.process')}</h2>
      <ol className="process-steps">
        {item.definition.process.map((step, i) => (
          <li key={i} className="process-step">
            <p className="process-name">{step.name}</p>
            <p className="process-meta">
              <span>{t('item.step.department', { department: step.department })}</span>
              <span className={step.workingDays ? 'process-days' : 'process-days muted'}>
                {step.workingDays ? t('item.step.days', { days: step.workingDays }) : t('item.step.noLimit')}
              </span>
            </p>
            <SmallCite cite={step.cite} ids={ids} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="facts-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A phone number: a tel: link on PC and phone; text on the kiosk, where no link may leave the kiosk. */
function Phone({ number }: { number: string }) {
  const { channel } = useChannel();
  return channel === 'kiosk' ? <span>{number}</span> : <a href={`tel:${number}`}>{number}</a>;
}

/** 时限, 收费, 部门 (牵头/协办), 咨询/投诉电话, 补助/待遇 and 申请时间, each under its own heading. */
export function ServiceFacts({ item, ids }: { item: ItemDetail; ids: DocIds }) {
  const d = item.definition;
  const days = (n: number | undefined) => (n ? t('item.limits.days', { days: n }) : t('item.limits.none'));
  const window = d.window;
  return (
    <div className="item-facts-grid">
      <section className="item-section" aria-labelledby="item-limits">
        <h2 id="item-limits">{t('item.limits')}</h2>
        <dl className="facts">
          <Row term={t('item.limits.statutory')}>{days(d.limits.statutoryDays)}</Row>
          <Row term={t('item.limits.promised')}>{days(d.limits.promisedDays)}</Row>
        </dl>
        {d.limits.note ? <p>{d.limits.note}</p> : null}
        <SmallCite cite={d.limits.cite} ids={ids} />
      </section>
      <section className="item-section" aria-labelledby="item-fees">
        <h2 id="item-fees">{t('item.fees')}</h2>
        <p>
          <strong>{t(d.fees.free ? 'item.fees.free' : 'item.fees.charged')}</strong>
          {d.fees.text ? `（${d.fees.text}）` : ''}
        </p>
      </section>
      <section className="item-section" aria-labelledby="item-departments">
        <h2 id="item-departments">{t('item.departments')}</h2>
        <dl className="facts">
          <Row term={t('item.departments.lead')}>{d.departments.lead}</Row>
          <Row term={t('item.departments.co')}>
            {d.departments.co.length > 0 ? list(d.departments.co) : t('common.none')}
          </Row>
        </dl>
      </section>
      <section className="item-section" aria-labelledby="item-contacts">
        <h2 id="item-contacts">{t('item.contacts')}</h2>
        <dl className="facts">
          <Row term={t('item.contacts.consult')}>
            {d.contacts.consult ? <Phone number={d.contacts.consult} /> : t('common.none')}
          </Row>
          <Row term={t('item.contacts.complaint')}>
            {d.contacts.complaint ? <Phone number={d.contacts.complaint} /> : t('common.none')}
          </Row>
        </dl>
        {d.contacts.note ? <p className="muted">{d.contacts.note}</p> : null}
      </section>
      <section className="item-section" aria-labelledby="item-benefit">
        <h2 id="item-benefit">{t('item.benefit')}</h2>
        {d.benefit.kind === 'unspecified' ? (
          <>
            <p>{d.benefit.description}</p>
            <p className="benefit-note">
              <strong>{t('item.benefit.unspecifiedLabel')}：</strong>
              {d.benefit.note}
            </p>
          </>
        ) : (
          <p>{benefitText(d.benefit)}</p>
        )}
      </section>
      {window && (window.opensOn || window.closesOn) ? (
        <section className="item-section" aria-labelledby="item-window">
          <h2 id="item-window">{t('item.window')}</h2>
          <p>
            {window.opensOn && window.closesOn
              ? t('item.window.range', {
                  from: formatDate(window.opensOn),
                  until: formatDate(window.closesOn),
                })
              : window.opensOn
                ? t('item.window.from', { from: formatDate(window.opensOn) })
                : t('item.window.until', { until: formatDate(window.closesOn) })}
          </p>
        </section>
      ) : null}
    </div>
  );
}

const VERSION_STATUS: Record<string, MessageKey> = {
  published: 'item.version.published',
  draft: 'item.version.draft',
  suspended: 'item.version.suspended',
  expired: 'item.version.expired',
};

/** 版本记录: every version with its status, note and date; the current one marked. */
export function ItemVersions({ item }: { item: ItemDetail }) {
  const versions = useQuery(itemQueries.itemVersions(item.code));
  return (
    <section className="item-section" aria-labelledby="item-versions">
      <h2 id="item-versions">{t('item.versions')}</h2>
      {versions.isPending ? (
        <Loading rows={2} />
      ) : versions.isError ? (
        <LoadError error={versions.error} onRetry={() => void versions.refetch()} />
      ) : (
        <ol className="link-list versions">
          {[...versions.data]
            .sort((a, b) => b.version - a.version)
            .map((v) => (
              <li key={v.version} aria-current={v.version === item.currentVersion ? 'true' : undefined}>
                <strong>{t('item.version', { version: v.version })}</strong>
                {v.version === item.currentVersion ? (
                  <span className="tag-current">{t('item.version.current')}</span>
                ) : null}
                <span className="link-meta">
                  {t('item.version.meta', {
                    status: VERSION_STATUS[v.status] ? t(VERSION_STATUS[v.status]!) : v.status,
                    date: formatDateTime(v.createdAt),
                  })}
                  {v.note ? `（${v.note}）` : ''}
                </span>
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}

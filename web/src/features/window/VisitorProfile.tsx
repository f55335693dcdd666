import { useQuery } from '@tanstack/react-query';
import { itemQueries } from '../../api/item-queries.ts';
import { t } from '../../i18n/index.ts';
import { formatValue, sourceLabel } from '../items/format.ts';
import type { VisitorProfile as Data } from './window-queries.ts';

/** The visitor's profile as read during the visit: each fact with its value and where it comes from. */
export function VisitorProfile({ data }: { data: Data }) {
  const { profile } = data;
  const variables = useQuery(itemQueries.variables(profile.kind));
  const byId = new Map((variables.data ?? []).map((v) => [v.id, v]));
  const facts = Object.entries(profile.profile.facts);
  return (
    <section className="wv-profile" aria-labelledby="wv-profile-title">
      <h3 id="wv-profile-title">
        {t('window.profile.title', { name: profile.name })}
        {profile.isSample ? <span className="tag wv-sample">{t('window.profile.sample')}</span> : null}
      </h3>
      <table className="wv-facts">
        <thead>
          <tr>
            <th scope="col">{t('window.profile.fact')}</th>
            <th scope="col">{t('window.profile.value')}</th>
            <th scope="col">{t('window.profile.source')}</th>
          </tr>
        </thead>
        <tbody>
          {facts.map(([id, fact]) => {
            const variable = byId.get(id);
            return (
              <tr key={id}>
                <th scope="row">{variable?.label ?? id}</th>
                <td>{formatValue(fact.value, variable)}</td>
                <td>{sourceLabel(fact.source, byId)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

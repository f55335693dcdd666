import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../app/format.ts';
import { Loading } from '../../app/components/LoadState.tsx';
import { t } from '../../i18n/index.ts';
import { ApiLoadError } from '../session/AccessRefused.tsx';
import { DATA_USE_PAGE_SIZE, myDataQueries, type DataUseEntry } from './my-data-queries.ts';

function who(e: DataUseEntry): string {
  return e.who.department
    ? t('myData.use.whoWithDepartment', {
        name: e.who.name,
        kind: e.who.kindLabel,
        department: e.who.department,
      })
    : t('myData.use.whoKind', { name: e.who.name, kind: e.who.kindLabel });
}

/**
 * Who used my data, when and why (个人信息保护法 第四十四、四十五条), newest first, a page at a time. A table on
 * wide screens; each row reads as a card on a phone (my-data.css), with its column names.
 */
export function DataUseTable() {
  const [page, setPage] = useState(1);
  const uses = useQuery(myDataQueries.dataUse(page));
  const pages = uses.data ? Math.max(1, Math.ceil(uses.data.total / DATA_USE_PAGE_SIZE)) : 1;

  return (
    <section className="panel md-use" aria-labelledby="md-use-title">
      <h2 id="md-use-title">{t('myData.use.title')}</h2>
      {uses.isPending ? (
        <Loading rows={4} />
      ) : uses.isError ? (
        <ApiLoadError error={uses.error} onRetry={() => void uses.refetch()} />
      ) : uses.data.total === 0 ? (
        <p className="muted">{t('myData.use.empty')}</p>
      ) : (
        <>
          <p className="results-summary">{t('myData.use.summary', { total: uses.data.total })}</p>
          <table className="md-table" aria-busy={uses.isFetching}>
            <caption className="visually-hidden">{t('myData.use.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('myData.use.at')}</th>
                <th scope="col">{t('myData.use.who')}</th>
                <th scope="col">{t('myData.use.action')}</th>
                <th scope="col">{t('myData.use.purpose')}</th>
                <th scope="col">{t('myData.use.legalBasis')}</th>
              </tr>
            </thead>
            <tbody>
              {uses.data.entries.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td data-label={t('myData.use.at')}>{formatDateTime(e.at)}</td>
                  <td data-label={t('myData.use.who')}>{who(e)}</td>
                  <td data-label={t('myData.use.action')}>{e.actionLabel}</td>
                  <td data-label={t('myData.use.purpose')}>{e.purpose ?? t('common.none')}</td>
                  <td data-label={t('myData.use.legalBasis')}>{e.legalBasis ?? t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pages > 1 ? (
            <nav className="md-pages" aria-label={t('myData.use.title')}>
              <Button size="large" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t('myData.use.prev')}
              </Button>
              <span role="status">{t('myData.use.page', { page, pages })}</span>
              <Button size="large" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                {t('myData.use.next')}
              </Button>
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}

import { Alert } from 'antd';
import { t } from '../../i18n/index.ts';
import type { ParseCheck } from './documents-api.ts';

/**
 * The parse check (`POST /api/parse`): per document its title, 文号, how many articles were read and what the
 * parser warns about (each warning names its line), so that a clerk sees a bad parse before storing it.
 */
export function ParseCheckView({ check }: { check: ParseCheck }) {
  const warnings = [...check.warnings, ...check.documents.flatMap((d) => d.warnings)];
  return (
    <section className="staff-section" aria-labelledby="docs-console-check-title">
      <h3 id="docs-console-check-title">{t('docsConsole.check.title')}</h3>
      {check.issue ? (
        <p>
          {t('docsConsole.check.issue', {
            title: check.issue.title,
            year: check.issue.year,
            number: check.issue.number,
          })}
        </p>
      ) : null}
      <table className="docs-console-table">
        <caption className="visually-hidden">{t('docsConsole.check.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('docsConsole.field.title')}</th>
            <th scope="col">{t('docsConsole.field.docNumber')}</th>
            <th scope="col">{t('docsConsole.check.articles')}</th>
            <th scope="col">{t('docsConsole.check.warnings')}</th>
          </tr>
        </thead>
        <tbody>
          {check.documents.map((d, i) => (
            <tr key={i}>
              <td>{d.title}</td>
              <td>{d.docNumber ?? t('docsConsole.none')}</td>
              <td>{d.articles.length}</td>
              <td>{d.warnings.length}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {warnings.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('docsConsole.check.warningsTitle', { count: warnings.length })}
          description={
            <ul>
              {warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          }
        />
      ) : (
        <p role="status">{t('docsConsole.check.clean')}</p>
      )}
    </section>
  );
}

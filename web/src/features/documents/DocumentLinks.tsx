import { Link } from 'react-router';
import type { DocumentDetail } from '../../api/client.ts';
import { useChannel } from '../../app/channel.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { t } from '../../i18n/index.ts';
import { MAX_QUERY_LENGTH, toQueryString } from '../search/search-state.ts';

/**
 * Cited documents are links: to the document when the library holds it, else to a search of the library for
 * its 文号 or title, which finds the documents that cite it too.
 */
export function Citations({ doc }: { doc: DocumentDetail }) {
  const { to } = useChannel();
  if (doc.citations.length === 0) return null;
  return (
    <section className="document-section" aria-labelledby="citations-title">
      <h2 id="citations-title">{t('document.citations')}</h2>
      <ul className="link-list">
        {doc.citations.map((c, i) => {
          const name =
            (c.title ? t('document.citationTitle', { title: c.title }) : '') +
            (c.docNumber ? t('document.citationNumber', { docNumber: c.docNumber }) : '');
          const q = (c.docNumber ?? c.title ?? '').slice(0, MAX_QUERY_LENGTH);
          return (
            <li key={i}>
              {c.documentId !== null ? (
                <Link to={to(`/documents/${c.documentId}`)}>
                  {name}
                  <span className="link-hint">{t('document.citationInLibrary')}</span>
                </Link>
              ) : (
                <Link to={to(`/search${toQueryString({ q, page: 1 })}`)}>
                  {name}
                  <span className="link-hint">{t('document.citationSearch')}</span>
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function CitedBy({ doc }: { doc: DocumentDetail }) {
  const { to } = useChannel();
  if (doc.citedBy.length === 0) return null;
  return (
    <section className="document-section" aria-labelledby="cited-by-title">
      <h2 id="cited-by-title">{t('document.citedBy')}</h2>
      <ul className="link-list">
        {doc.citedBy.map((c) => (
          <li key={c.id}>
            <Link to={to(`/documents/${c.id}`)}>{c.title}</Link>
            <span className="link-meta">
              {c.docNumber ?? ''} {formatDate(c.issuedOn)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every stored version; the current one is marked, the others open as they were. */
export function Versions({ doc, current }: { doc: DocumentDetail; current: number }) {
  const { to } = useChannel();
  return (
    <section className="document-section" aria-labelledby="versions-title">
      <h2 id="versions-title">{t('document.versions')}</h2>
      <ol className="link-list versions">
        {[...doc.versions]
          .sort((a, b) => b.version - a.version)
          .map((v) => (
            <li key={v.version}>
              {v.version === current ? (
                <span aria-current="true">
                  <strong>{t('document.versionLabel', { version: v.version })}</strong>
                  <span className="tag-current">{t('document.versionCurrent')}</span>
                </span>
              ) : (
                <Link to={to(`/documents/${doc.id}/versions/${v.version}`)}>
                  {t('document.versionView', { version: v.version })}
                </Link>
              )}
              <span className="link-meta">
                {t('document.versionMeta', { date: formatDateTime(v.ingestedAt), source: v.source })}
              </span>
            </li>
          ))}
      </ol>
      {doc.versions.length <= 1 ? <p className="muted">{t('document.versionOnly')}</p> : null}
    </section>
  );
}

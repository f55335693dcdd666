import { Link } from 'react-router';
import type { Quote } from '../../api/items.ts';
import { useChannel } from '../../app/channel.tsx';
import { t } from '../../i18n/index.ts';
import { citationAnchor, citationPath } from './citation.ts';

/**
 * A citation as printed ('聊政字〔2023〕9号 第三十条（一）'), linked to the article on the document page when the
 * library holds the document (`quote.documentId`), else plain text that says so.
 */
export function CiteLink({ cite, documentId }: { cite: string; documentId: number | null | undefined }) {
  const { to } = useChannel();
  if (documentId == null) return <span className="cite-text">{t('item.citeNotInLibrary', { cite })}</span>;
  return (
    <Link className="cite-link" to={to(citationPath(documentId, citationAnchor(cite)))}>
      {cite}
    </Link>
  );
}

/**
 * "出处：<link>", and the article's own words behind a disclosure (closed at first: the list stays short).
 * `withQuote` false for a citation inherited from a group, whose words the group already offers.
 */
export function Cite({
  cite,
  quote,
  withQuote = true,
}: {
  cite: string;
  quote: Quote | null | undefined;
  withQuote?: boolean;
}) {
  return (
    <div className="cite">
      <p className="cite-line">
        <span className="cite-label">{t('item.cite')}</span>
        <CiteLink cite={cite} documentId={quote?.documentId} />
      </p>
      {quote && withQuote ? (
        <details className="quote">
          <summary>
            {t('item.quote')}
            <span className="visually-hidden">{t('item.quoteOf', { cite })}</span>
          </summary>
          <blockquote className="quote-text">
            {quote.text
              .split('\n')
              .filter((line) => line.trim())
              .map((line, i) => (
                <p key={i}>{line}</p>
              ))}
          </blockquote>
        </details>
      ) : null}
    </div>
  );
}

import { Link } from 'react-router';
import type { DocumentSummary } from '../../api/client.ts';
import { useChannel } from '../../app/channel.tsx';
import { ValidityBadge } from '../../app/components/ValidityBadge.tsx';
import { formatDate } from '../../app/format.ts';
import { list } from '../../i18n/index.ts';

/** One document in a list: title as a link, then 文号, issuer, date and validity. */
export function DocumentListItem({ doc, headingLevel = 3 }: { doc: DocumentSummary; headingLevel?: 2 | 3 }) {
  const { to } = useChannel();
  const Heading = `h${headingLevel}` as const;
  return (
    <li className="doc-item">
      <Heading className="doc-item-title">
        <Link to={to(`/documents/${doc.id}`)} data-nav-item="">
          {doc.title}
        </Link>
      </Heading>
      <p className="doc-item-meta">
        <ValidityBadge status={doc.validity} />
        {doc.docNumber ? <span>{doc.docNumber}</span> : null}
        <span>{list(doc.issuers)}</span>
        <span>{formatDate(doc.issuedOn)}</span>
        <span>{doc.kind}</span>
      </p>
    </li>
  );
}

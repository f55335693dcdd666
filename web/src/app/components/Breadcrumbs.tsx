import { Link } from 'react-router';
import { t } from '../../i18n/index.ts';

export interface Crumb {
  label: string;
  to?: string;
}

/** Where the page sits; the last crumb is the page itself (aria-current). */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav className="breadcrumbs" aria-label={t('common.breadcrumb')}>
      <ol>
        {items.map((c, i) => (
          <li key={i}>
            {c.to && i < items.length - 1 ? (
              <Link to={c.to}>{c.label}</Link>
            ) : (
              <span aria-current={i === items.length - 1 ? 'page' : undefined}>{c.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

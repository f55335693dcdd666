import { Link } from 'react-router';
import { useChannel } from '../../app/channel.tsx';
import { t } from '../../i18n/index.ts';
import { toQueryString, withQuery } from './search-state.ts';
import { HOT_SEARCHES } from './topics.ts';

export function HotSearches({ exclude }: { exclude?: string }) {
  const { to } = useChannel();
  return (
    <div className="hot-searches">
      <h2 className="inline-title">{t('search.hot')}</h2>
      <ul className="chip-list">
        {HOT_SEARCHES.filter((q) => q !== exclude).map((q) => (
          <li key={q}>
            <Link className="chip" to={to(`/search${toQueryString(withQuery({ q: '', page: 1 }, q))}`)}>
              {q}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

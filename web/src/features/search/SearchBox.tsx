import { Button, Input } from 'antd';
import { useId, useState, type FormEvent } from 'react';
import { t } from '../../i18n/index.ts';
import { MAX_QUERY_LENGTH } from './search-state.ts';

/**
 * The search form: a labelled input and a submit button in a `search` landmark. Its accessible names are the
 * visible words ("搜索", not "搜 索": see ThemedRoot).
 */
export function SearchBox({
  initial = '',
  onSearch,
  size = 'middle',
  autoFocus = false,
  labelVisible = false,
}: {
  initial?: string;
  onSearch: (q: string) => void;
  size?: 'middle' | 'large';
  autoFocus?: boolean;
  labelVisible?: boolean;
}) {
  const [value, setValue] = useState(initial);
  const [prevInitial, setPrevInitial] = useState(initial);
  // A new query from the URL (back button, a link) replaces what is typed: derived state, React's way.
  if (initial !== prevInitial) {
    setPrevInitial(initial);
    setValue(initial);
  }
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = value.trim();
    if (q) onSearch(q);
  };
  return (
    <form
      role="search"
      className={`search-box search-box-${size}`}
      onSubmit={submit}
      aria-label={t('search.label')}
    >
      <label htmlFor={id} className={labelVisible ? 'search-box-label' : 'visually-hidden'}>
        {t('search.label')}
      </label>
      <div className="search-box-row">
        <Input
          id={id}
          type="search"
          name="q"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={t('search.placeholder')}
          maxLength={MAX_QUERY_LENGTH}
          autoComplete="off"
          enterKeyHint="search"
          size={size}
          autoFocus={autoFocus}
          data-search-input=""
        />
        <Button type="primary" htmlType="submit" size={size} className="search-box-submit">
          {t('search.submit')}
        </Button>
      </div>
    </form>
  );
}

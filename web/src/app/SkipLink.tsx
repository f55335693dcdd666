import { t } from '../i18n/index.ts';

/** The first stop for keyboard users. It focuses <main> itself: changing the hash would clash with #第三十条. */
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(e) => {
        e.preventDefault();
        const main = document.getElementById('main');
        main?.focus();
        main?.scrollIntoView();
      }}
    >
      {t('app.skipToMain')}
    </a>
  );
}

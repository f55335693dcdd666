import type { Article } from '../../../../src/core/gazette/types.ts';
import { t } from '../../i18n/index.ts';

/** The article being split, 款 by 款 and 项 by 项, beside the form (its words are what every suggestion quotes). */
export function ArticleText({ article }: { article: Article }) {
  return (
    <section className="ie-article" aria-labelledby="ie-article-title">
      <h2 id="ie-article-title">{t('editor.article.title', { label: article.label })}</h2>
      {article.paragraphs.map((p) => (
        <div key={p.number} className="ie-paragraph" data-paragraph={p.number}>
          <p>{p.text}</p>
          {p.items.length ? (
            <ol className="ie-article-items">
              {p.items.map((i) => (
                <li key={i.number} data-item={i.number}>
                  {i.label}
                  {i.text}
                </li>
              ))}
            </ol>
          ) : null}
        </div>
      ))}
    </section>
  );
}

import type { ReactNode } from 'react';
import type { Article, Chapter, DocumentDetail, OutlineNode } from '../../api/client.ts';
import { list, t } from '../../i18n/index.ts';
import { articleAnchor, chapterAnchor, outlineAnchor, sectionAnchor } from './anchors.ts';
import { CopyLinkButton } from './CopyLinkButton.tsx';

export type BodyDocument = Pick<
  DocumentDetail,
  'addressees' | 'preamble' | 'attachments' | 'preface' | 'chapters' | 'articles' | 'outline' | 'body'
>;

type HeadingLevel = 2 | 3 | 4 | 5 | 6;

function Heading({ level, id, children }: { level: HeadingLevel; id?: string; children: ReactNode }) {
  const Tag = `h${level}` as const;
  return <Tag id={id}>{children}</Tag>;
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split('\n')
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

function ArticleView({
  article,
  level,
  canCopy,
}: {
  article: Article;
  level: HeadingLevel;
  canCopy: boolean;
}) {
  const anchor = articleAnchor(article);
  const headingId = `${anchor}-h`;
  return (
    <section id={anchor} className="article" aria-labelledby={headingId} tabIndex={-1}>
      <div className="article-head">
        <Heading level={level} id={headingId}>
          <a href={`#${anchor}`} className="article-anchor" data-nav-item="">
            {article.label}
          </a>
        </Heading>
        {canCopy ? <CopyLinkButton anchor={anchor} label={article.label} /> : null}
      </div>
      {article.paragraphs.length > 0 ? (
        article.paragraphs.map((p) => (
          <div key={p.number} className="article-paragraph">
            {p.text ? <p>{p.text}</p> : null}
            {p.items.length > 0 ? (
              <ol className="article-items">
                {p.items.map((item) => (
                  <li key={item.number}>
                    <span className="item-label">{item.label}</span>
                    {item.text}
                    {item.subitems.length > 0 ? (
                      <ol className="article-items">
                        {item.subitems.map((s) => (
                          <li key={s.number}>
                            <span className="item-label">{s.label}</span>
                            {s.text}
                          </li>
                        ))}
                      </ol>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : null}
          </div>
        ))
      ) : (
        <Paragraphs text={article.text} />
      )}
    </section>
  );
}

function ChapterView({
  chapter,
  articles,
  canCopy,
}: {
  chapter: Chapter;
  articles: Article[];
  canCopy: boolean;
}) {
  const loose = chapter.sections.length > 0 ? articles.filter((a) => a.section === null) : articles;
  return (
    <section className="chapter" aria-labelledby={chapterAnchor(chapter)}>
      <h2 id={chapterAnchor(chapter)} className="chapter-title" tabIndex={-1}>
        {chapter.label}
        {'\u3000'}
        {chapter.title}
      </h2>
      {loose.map((a) => (
        <ArticleView key={a.number} article={a} level={3} canCopy={canCopy} />
      ))}
      {chapter.sections.map((s) => (
        <section key={s.number} className="chapter-section">
          <h3 id={sectionAnchor(chapter, s)} tabIndex={-1}>
            {s.label}
            {'\u3000'}
            {s.title}
          </h3>
          {articles
            .filter((a) => a.section === s.number)
            .map((a) => (
              <ArticleView key={a.number} article={a} level={4} canCopy={canCopy} />
            ))}
        </section>
      ))}
    </section>
  );
}

function OutlineView({
  nodes,
  parent,
  level,
}: {
  nodes: OutlineNode[];
  parent: string;
  level: HeadingLevel;
}) {
  return (
    <>
      {nodes.map((n) => {
        const id = outlineAnchor(parent, n);
        return (
          <section key={id} id={id} className={`outline outline-level-${n.level}`} tabIndex={-1}>
            {n.heading ? (
              <Heading level={level}>
                <a href={`#${id}`} className="article-anchor" data-nav-item="">
                  {n.label}
                  {n.heading}
                </a>
              </Heading>
            ) : null}
            {n.text ? (
              n.heading ? (
                <Paragraphs text={n.text} />
              ) : (
                <p>
                  <span className="item-label">{n.label}</span>
                  {n.text}
                </p>
              )
            ) : null}
            {n.leadDepartments.length > 0 ? (
              <p className="departments">
                {t('document.leadDepartments', { list: list(n.leadDepartments) })}
              </p>
            ) : null}
            {n.responsibleDepartments.length > 0 ? (
              <p className="departments">
                {t('document.responsibleDepartments', { list: list(n.responsibleDepartments) })}
              </p>
            ) : null}
            {n.children.length > 0 ? (
              <OutlineView nodes={n.children} parent={id} level={Math.min(6, level + 1) as HeadingLevel} />
            ) : null}
          </section>
        );
      })}
    </>
  );
}

/**
 * The text of a document: the covering notice (主送, 印发 paragraph), then the attached rules by chapter and
 * article, or a plan by its outline, or, for documents with neither (任免, 大事记), the paragraphs as printed.
 * Everything is rendered as text: document content is untrusted.
 */
export function DocumentBody({ doc, canCopy = true }: { doc: BodyDocument; canCopy?: boolean }) {
  const structured = doc.articles.length > 0 || doc.outline.length > 0;
  const loose = doc.articles.filter((a) => a.chapter === null || doc.chapters.length === 0);
  return (
    <div className="document-body">
      {doc.preamble.length > 0 ? (
        <section className="document-notice" aria-label={t('document.notice')}>
          {doc.addressees.length > 0 ? (
            <p>{t('document.salutation', { list: list(doc.addressees) })}</p>
          ) : null}
          {doc.preamble.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ) : null}
      {doc.attachments[0] && structured ? (
        <h2 className="document-attachment-title">{doc.attachments[0]}</h2>
      ) : null}
      {doc.preface.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {doc.articles.length > 0 ? (
        <>
          {loose.map((a) => (
            <ArticleView
              key={a.number}
              article={a}
              level={doc.chapters.length > 0 ? 3 : 2}
              canCopy={canCopy}
            />
          ))}
          {doc.chapters.map((c) => (
            <ChapterView
              key={c.number}
              chapter={c}
              articles={doc.articles.filter((a) => a.chapter === c.number)}
              canCopy={canCopy}
            />
          ))}
        </>
      ) : doc.outline.length > 0 ? (
        <OutlineView nodes={doc.outline} parent="" level={2} />
      ) : (
        <Paragraphs text={doc.body} />
      )}
    </div>
  );
}

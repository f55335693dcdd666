import { DomainError } from '../../core/errors.ts';
import { toChineseNumber } from '../../core/gazette/numerals.ts';
import type { Article } from '../../core/gazette/types.ts';
import { sameChapter, suggestItem, type ItemSuggestion } from '../../core/items/suggest.ts';
import { BASE_CATALOGUE } from '../../core/rules/variables.ts';
import { todayInChina } from '../../core/rules/dates.ts';
import { type LibraryService } from '../library/library.service.ts';

export interface ArticleSuggestion {
  document: { id: number; docNumber: string; title: string };
  article: Article;
  suggestion: ItemSuggestion;
}

/**
 * 拆分为政策事项: the article an editor picked, with what src/core/items/suggest.ts can read in it (conditions,
 * materials, limits, departments, fees). The procedure is often spread over the article's chapter, so the other
 * articles of that chapter are read for limits and departments too.
 *
 * @example
 * const s = await suggestions.forArticle(documentId, 30); // 聊政字〔2023〕9号 第三十条
 * s.suggestion.conditions[0].cite; // { doc: '聊政字〔2023〕9号', article: 30, items: [1] }
 */
export class ItemSuggestionService {
  constructor(private readonly library: LibraryService) {}

  async forArticle(documentId: number, number: number): Promise<ArticleSuggestion> {
    const doc = await this.library.getDocument(documentId, todayInChina());
    if (!doc) throw new DomainError('notFound', `文件（编号 ${documentId}）不存在`, 'id');
    // Every condition cites its 文号 (docs/items.md), so a document without one cannot be split into items.
    if (!doc.docNumber)
      throw new DomainError('invalid', `《${doc.title}》没有文号，其条文无法作为政策事项的依据引用`, 'id');
    const article = doc.articles.find((a) => a.number === number);
    if (!article)
      throw new DomainError('notFound', `${doc.docNumber} 没有第${toChineseNumber(number)}条`, 'number');
    const suggestion = suggestItem({
      document: {
        docNumber: doc.docNumber,
        title: doc.title,
        issuer: doc.issuers[0] ?? null,
        issuedOn: doc.issuedOn,
      },
      article,
      neighbours: sameChapter(doc.articles, article),
      catalogue: BASE_CATALOGUE,
    });
    return { document: { id: doc.id, docNumber: doc.docNumber, title: doc.title }, article, suggestion };
  }
}

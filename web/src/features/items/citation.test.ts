import { describe, expect, it } from 'vitest';
import {
  chineseNumber,
  citationAnchor,
  citationDoc,
  citationPath,
  citationText,
  documentIdsByNumber,
} from './citation.ts';

describe('citations of policy items', () => {
  it('writes numbers as articles print them', () => {
    expect([1, 10, 12, 20, 24, 30, 31, 54, 100, 105, 110].map(chineseNumber)).toEqual([
      '一',
      '十',
      '十二',
      '二十',
      '二十四',
      '三十',
      '三十一',
      '五十四',
      '一百',
      '一百零五',
      '一百一十',
    ]);
  });

  it('renders a citation as the server does', () => {
    expect(citationText({ doc: '聊政字〔2023〕9号', article: 30, items: [1] })).toBe(
      '聊政字〔2023〕9号 第三十条（一）',
    );
    expect(citationText({ doc: '聊政字〔2023〕9号', article: 22, items: [3, 4] })).toBe(
      '聊政字〔2023〕9号 第二十二条（三）至（四）',
    );
    expect(citationText({ doc: '聊政字〔2023〕9号', article: 31, paragraph: 2 })).toBe(
      '聊政字〔2023〕9号 第三十一条第二款',
    );
    expect(citationText({ doc: '聊政字〔2023〕6号', section: '三、（三）' })).toBe(
      '聊政字〔2023〕6号 三、（三）',
    );
  });

  it('finds the anchor the document page gives the cited article or outline section', () => {
    expect(citationAnchor('聊政字〔2023〕9号 第三十条（二）')).toBe('第三十条');
    expect(citationAnchor('聊政字〔2023〕9号 第三十一条第二款')).toBe('第三十一条');
    expect(citationAnchor('聊政发〔2023〕3号 第十二条第二款')).toBe('第十二条');
    expect(citationAnchor('聊政字〔2023〕6号 三、（三）')).toBe('三（三）');
    expect(citationAnchor({ doc: '聊政字〔2023〕9号', article: 22, items: [5] })).toBe('第二十二条');
    expect(citationAnchor({ doc: '聊政字〔2023〕6号', section: '二、（六）' })).toBe('二（六）');
    expect(citationAnchor('聊政字〔2023〕9号')).toBeNull();
    expect(citationDoc('聊政字〔2023〕9号 第三十条')).toBe('聊政字〔2023〕9号');
    expect(citationPath(5, '第三十条')).toBe('/documents/5#第三十条');
    expect(citationPath(5, null)).toBe('/documents/5');
  });

  it('collects document ids by 文号 from the quotes an item carries', () => {
    const ids = documentIdsByNumber({
      basis: [{ doc: '聊政字〔2023〕9号', quote: { documentId: 5 } }],
      conditions: {
        cite: '聊政发〔2023〕3号 第十三条',
        quote: { documentId: 1 },
        children: [{ cite: '聊政字〔2023〕6号 三、（三）', quote: null }],
      },
    });
    expect([...ids]).toEqual([
      ['聊政字〔2023〕9号', 5],
      ['聊政发〔2023〕3号', 1],
    ]);
  });
});

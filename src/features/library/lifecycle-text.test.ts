import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../core/gazette/decode.ts';
import { parseGazetteText } from '../../core/gazette/gazette-parser.ts';
import { contentHash } from './library.service.ts';
import { documentText } from './lifecycle-text.ts';

const SAMPLE = readFileSync(new URL('../../../data/samples/liaocheng-gazette-2023-05.txt', import.meta.url));

describe('documentText', () => {
  const documents = parseGazetteText(decodeText(SAMPLE).text).documents.filter((d) => d.docNumber);

  it('writes every document of the sample gazette so that the parser reads back the same document', () => {
    expect(documents.length).toBe(8);
    for (const d of documents) {
      const again = parseGazetteText(documentText(d));
      expect(again.documents, d.docNumber!).toHaveLength(1);
      expect(contentHash(again.documents[0]!), d.docNumber!).toBe(contentHash(d));
      expect(again.documents[0]!.articles.length, d.docNumber!).toBe(d.articles.length);
    }
  });

  it('lays out a 印发通知 as printed: 文号, title, addressees, notice, signature and date, then the issued text', () => {
    const text = documentText(documents.find((d) => d.docNumber === '聊政字〔2023〕9号')!);
    expect(text.split('\n').slice(0, 12)).toEqual([
      '聊政字〔2023〕9号',
      '',
      '关于印发聊城市校车安全管理的通知',
      '',
      // The parser keeps addressees apart; they are joined with ，, which it reads back the same.
      '各县（市、区）人民政府，市属开发区管委会，市政府有关部门，直属机构：',
      '现将《聊城市校车安全管理办法》印发给你们，请认真贯彻执行。',
      '',
      '聊城市人民政府',
      '2023年5月22日',
      '',
      '聊城市校车安全管理办法',
      '',
    ]);
  });
});

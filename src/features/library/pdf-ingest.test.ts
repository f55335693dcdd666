import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GazetteParseError } from '../../core/gazette/errors.ts';
import { parseFile } from './library.service.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/pdf/${name}`, import.meta.url));

describe('PDF ingestion (PDFs printed by Chromium with running headers and page-number footers)', () => {
  it('parses 聊政发〔2023〕3号 from PDF exactly as from its text', async () => {
    const fromPdf = (await parseFile(fixture('liaocheng-2023-05-doc3.pdf'))).documents;
    const fromText = (await parseFile(fixture('liaocheng-2023-05-doc3.txt'))).documents;
    expect(fromPdf).toHaveLength(1);
    const [pdf] = fromPdf;
    expect(pdf).toMatchObject({
      docNumber: '聊政发〔2023〕3号',
      issuedOn: '2023-05-05',
      effectiveFrom: '2023-06-10',
      effectiveUntil: '2028-06-09',
    });
    expect(pdf!.chapters.map((c) => c.title)).toEqual([
      '总则',
      '收购',
      '储存',
      '轮换',
      '动用',
      '监督与责任',
      '附则',
    ]);
    expect(pdf!.articles.map((a) => a.text)).toEqual(fromText[0]!.articles.map((a) => a.text));
    // Running headers and page numbers never reach the text, and every article knows its page.
    expect(pdf!.body).not.toMatch(/公报|— ?\d+ ?—/);
    expect(pdf!.articles.every((a) => typeof a.source.page === 'number')).toBe(true);
    expect(pdf!.articles.at(-1)!.source.page).toBeGreaterThan(pdf!.articles[0]!.source.page!);
  });

  it('parses 聊政字〔2023〕9号 from PDF: 7 chapters, 54 articles', async () => {
    const [doc] = (await parseFile(fixture('liaocheng-2023-05-doc9.pdf'))).documents;
    expect(doc!.chapters).toHaveLength(7);
    expect(doc!.articles).toHaveLength(54);
    expect(doc!.articles[29]!.paragraphs[0]!.items).toHaveLength(6);
  });

  it('refuses a scanned PDF naming the page', async () => {
    const error = await parseFile(fixture('scanned.pdf')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GazetteParseError);
    expect((error as GazetteParseError).page).toBe(1);
    expect((error as Error).message).toMatch(/第1页.*文字层/);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode.ts';
import { GazetteParseError } from './errors.ts';
import { parseGazetteText } from './gazette-parser.ts';
import { walkOutline } from './structure.ts';
import type { ParsedDocument } from './types.ts';

/**
 * Single documents of other cities and levels (test/fixtures/documents), each with expectations written by hand
 * (see its README). The parser is not tuned to any one of them: the same code reads them all.
 */
const DIR = new URL('../../../test/fixtures/documents/', import.meta.url);
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort();

interface Expected {
  error?: true;
  lineOfProblem?: number;
  docNumber: string | null;
  title: string;
  issuers: string[];
  addressees: string[];
  kind: string;
  issuedOn: string | null;
  effectiveFrom: string | null;
  effectiveUntil: string | null;
  level: string | null;
  regionCode: string | null;
  attachments: string[];
  citations: { title: string | null; docNumber: string | null }[];
  chapterCount: number;
  chapters: { number: number; title: string }[];
  articleCount: number;
  articles: Record<string, string>;
  articleParagraphCounts: Record<string, number>;
  articleItemCounts: Record<string, number>;
  outline: { label: string; heading: string | null; children: number }[];
  leadDepartments: Record<string, string[]>;
}

const read = (name: string) => readFileSync(new URL(name, DIR));
const expected = (f: string) =>
  JSON.parse(read(f.replace(/\.txt$/, '.expected.json')).toString()) as Expected;
const squeeze = (s: string) => s.replace(/\s/g, '');

function checkDocument(d: ParsedDocument, e: Expected) {
  expect(d.docNumber).toBe(e.docNumber);
  expect(d.title).toBe(e.title);
  expect(d.issuers).toEqual(e.issuers);
  expect(d.addressees).toEqual(e.addressees);
  expect(d.kind).toBe(e.kind);
  expect(d.issuedOn).toBe(e.issuedOn);
  // The fixtures write null where the text states no start; the parser takes the issue date then, and says so.
  if (e.effectiveFrom === null) {
    expect(d.validity.basis).not.toBe('clause');
    expect(d.effectiveFrom).toBe(d.issuedOn);
  } else {
    expect(d.effectiveFrom).toBe(e.effectiveFrom);
  }
  expect(d.effectiveUntil).toBe(e.effectiveUntil);
  expect(d.level).toBe(e.level);
  expect(d.regionCode).toBe(e.regionCode);
  expect(d.attachments).toEqual(e.attachments);
  expect(d.citations).toEqual(e.citations);
  expect(d.chapters.map((c) => ({ number: c.number, title: c.title }))).toEqual(e.chapters);
  expect(d.chapters).toHaveLength(e.chapterCount);
  expect(d.articles).toHaveLength(e.articleCount);
  for (const [n, text] of Object.entries(e.articles)) {
    expect(squeeze(d.articles.find((a) => a.number === Number(n))?.text ?? ''), `第${n}条`).toBe(
      squeeze(text),
    );
  }
  for (const a of d.articles) {
    expect(a.paragraphs.length, `${a.label} 款`).toBe(e.articleParagraphCounts[a.number] ?? 1);
    expect(
      a.paragraphs.reduce((s, p) => s + p.items.length, 0),
      `${a.label} 项`,
    ).toBe(e.articleItemCounts[a.number] ?? 0);
  }
  expect(d.outline.map((n) => ({ label: n.label, heading: n.heading, children: n.children.length }))).toEqual(
    e.outline,
  );
  const leads: Record<string, string[]> = {};
  for (const { node, path } of walkOutline(d.outline))
    if (node.leadDepartments.length > 0) leads[path] = node.leadDepartments;
  expect(leads).toEqual(e.leadDepartments);
}

describe('single documents from other cities and levels', () => {
  it('has fixtures to check', () => expect(fixtures.length).toBeGreaterThanOrEqual(8));

  for (const file of fixtures) {
    const e = expected(file);
    if (e.error) {
      it(`${file}: refused with a clear error${e.lineOfProblem ? ` at line ${e.lineOfProblem}` : ''}`, () => {
        let error: unknown;
        try {
          parseGazetteText(decodeText(read(file)).text);
        } catch (err) {
          error = err;
        }
        expect(error).toBeInstanceOf(GazetteParseError);
        if (e.lineOfProblem) expect((error as GazetteParseError).line).toBe(e.lineOfProblem);
        expect((error as Error).message).toMatch(/^第\d+行：/);
      });
    } else {
      it(`${file}: as expected`, () => {
        const r = parseGazetteText(decodeText(read(file)).text);
        expect(r.issue).toBeNull();
        expect(r.documents).toHaveLength(1);
        checkDocument(r.documents[0]!, e);
      });
    }
  }

  it('reads the same document encoded in GBK', () => {
    const file = 'jinan-banfa-joint.txt';
    const gbk = iconv.encode(read(file).toString('utf8'), 'gbk');
    const { text, encoding } = decodeText(gbk);
    expect(encoding).toBe('gb18030');
    checkDocument(parseGazetteText(text).documents[0]!, expected(file));
  });
});

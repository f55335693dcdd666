import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, it, expect } from 'vitest';
import { extractPdfText, isPageNumberLine, PdfTextError, type PdfText } from './pdf-text.ts';

// Fixtures are printed by scripts/make-test-pdf.ts (Chromium, A4, running header, "— N —" footer).
const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../test/fixtures/pdf/${name}`, import.meta.url));
const HEADER = '聊城市人民政府公报 2023年第5期';
const FOOTER = /—\s*\d+\s*—/;

const compact = (s: string): string => s.replace(/\s+/g, '');
const blocks = (txt: string): string[] =>
  txt
    .split(/\n\s*\n/)
    .map((b) => compact(b))
    .filter(Boolean);
const lines = (r: PdfText): string[] => r.text.split('\n');

function chineseNumeral(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : digits[tens]}十${n % 10 === 0 ? '' : digits[n % 10]}`;
}

/** What is physically on each page, straight from pdfjs, with no layout analysis. */
async function rawPageTexts(data: Uint8Array): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(data), verbosity: 0, isEvalSupported: false });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(compact(content.items.map((i) => ('str' in i ? i.str : '')).join('')));
  }
  await task.destroy();
  return pages;
}

/** A hand-written PDF (Helvetica text, optional inline image) for layouts Chromium cannot be asked for. */
function tinyPdf(pageContents: string[]): Buffer {
  const objects: string[] = [];
  const pageIds = pageContents.map((_, i) => 4 + 2 * i);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  pageContents.forEach((content, i) => {
    const id = pageIds[i]!;
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> ` +
      `/Contents ${id + 1} 0 R >>`;
    objects[id + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(pdf, 'latin1');
    pdf += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) pdf += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
const text = (x: number, y: number, s: string): string => `BT /F1 12 Tf ${x} ${y} Td (${s}) Tj ET`;

describe('extractPdfText on 聊政发〔2023〕3号 printed by Chromium', async () => {
  const pdf = fixture('liaocheng-2023-05-doc3.pdf');
  const source = readFileSync(
    new URL('../../test/fixtures/pdf/liaocheng-2023-05-doc3.txt', import.meta.url),
    'utf8',
  );
  const result = await extractPdfText(pdf);
  const raw = await rawPageTexts(pdf);
  const articles = blocks(source).filter((b) => /^第[一二三四五六七八九十]+条/.test(b));

  it('sees the running header and footers in the raw PDF but not in the text', () => {
    expect(result.pageCount).toBe(6);
    raw.forEach((page, i) => {
      expect(page).toContain(compact(HEADER));
      expect(page).toContain(`—${i + 1}—`);
    });
    expect(result.text).not.toContain('聊城市人民政府公报');
    expect(result.text).not.toContain('2023年第5期');
    expect(result.text).not.toMatch(FOOTER);
  });

  it('returns every article 第一条 … 第四十条 as one line identical to the source', () => {
    expect(articles).toHaveLength(40);
    const extracted = new Set(lines(result).map(compact));
    articles.forEach((article, i) => {
      expect(article.startsWith(`第${chineseNumeral(i + 1)}条`)).toBe(true);
      expect(extracted.has(article), article.slice(0, 12)).toBe(true);
    });
  });

  it('keeps headings and paragraphs as separate lines in source order', () => {
    const expected = blocks(source);
    expect(lines(result).map(compact)).toEqual(expected);
  });

  it('joins an article that runs across a page break, re-joining the word the break cut', () => {
    // Find the paragraphs the printout split between two pages, from what is physically on the pages.
    const straddling = blocks(source).flatMap((para) => {
      if (raw.some((page) => page.includes(para))) return [];
      for (let p = 0; p + 1 < raw.length; p++) {
        for (let k = para.length - 1; k > 0; k--) {
          if (raw[p]!.includes(para.slice(0, k)) && raw[p + 1]!.includes(para.slice(k)))
            return [{ para, page: p + 1 }];
        }
      }
      return [];
    });
    expect(straddling.map((s) => s.para.slice(0, 5))).toContain('第二十八条');

    const outLines = lines(result).map(compact);
    for (const { para, page } of straddling) {
      const i = outLines.indexOf(para);
      expect(i, para.slice(0, 12)).toBeGreaterThanOrEqual(0);
      expect(result.pageOfLine[i]).toBe(page);
    }
    // 竞价 is cut by the page 4/5 break: "…邀标竞" ends page 4, "价销售…" starts page 5.
    const body = (page: string): string => page.replace(compact(HEADER), '').replace(/—\d+—/, '');
    expect(body(raw[3]!).endsWith('邀标竞')).toBe(true);
    expect(body(raw[4]!).startsWith('价销售')).toBe(true);
    expect(result.text).toContain('也可以采取直接收购、邀标竞价销售等方式进行。');
  });

  it('maps each line to the page it starts on', () => {
    const n = lines(result).length;
    expect(result.pageOfLine).toHaveLength(n);
    expect(result.pageOfLine[0]).toBe(1);
    for (let i = 1; i < n; i++)
      expect(result.pageOfLine[i]!).toBeGreaterThanOrEqual(result.pageOfLine[i - 1]!);
    expect(result.pageOfLine[n - 1]).toBe(result.pageCount);
    const last = lines(result).findIndex((l) => l.startsWith('第四十条'));
    expect(result.pageOfLine[last]).toBe(6);
  });

  it('leaves the caller’s buffer intact', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('extractPdfText on 聊政字〔2023〕9号 printed by Chromium', async () => {
  const result = await extractPdfText(fixture('liaocheng-2023-05-doc9.pdf'));

  it('drops header and footers and keeps 第一条 … 第五十四条 at line starts', () => {
    expect(result.pageCount).toBeGreaterThan(5);
    expect(result.text).not.toContain('聊城市人民政府公报');
    expect(result.text).not.toMatch(FOOTER);
    const starts = lines(result);
    for (let n = 1; n <= 54; n++) {
      const label = `第${chineseNumeral(n)}条 `;
      expect(
        starts.filter((l) => l.startsWith(label)),
        label,
      ).toHaveLength(1);
    }
    expect(result.pageOfLine[result.pageOfLine.length - 1]).toBe(result.pageCount);
  });
});

describe('extractPdfText errors', () => {
  it('rejects a scanned PDF, naming the page', async () => {
    const err = await extractPdfText(fixture('scanned.pdf')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfTextError);
    expect((err as PdfTextError).message).toBe('PDF 第1页没有可提取的文字层（可能是扫描件）');
    expect((err as PdfTextError).code).toBe('NO_TEXT_LAYER');
    expect((err as PdfTextError).page).toBe(1);
  });

  it('names the first page without text when only some pages lack it', async () => {
    const pdf = tinyPdf([text(72, 700, 'First page has text.'), '', text(72, 700, 'Third page has text.')]);
    await expect(extractPdfText(pdf)).rejects.toThrow('PDF 第2页没有可提取的文字层（可能是扫描件）');
  });

  it('treats an image page whose only text is a stamped page number as a scan', async () => {
    const image = 'q 400 0 0 600 100 100 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q';
    const pdf = tinyPdf([`${image} ${text(290, 30, '- 1 -')}`]);
    await expect(extractPdfText(pdf)).rejects.toThrow('PDF 第1页没有可提取的文字层（可能是扫描件）');
  });

  it('accepts a blank page that only carries the running header', async () => {
    const pdf = tinyPdf([
      `${text(250, 760, 'Gazette No. 5')} ${text(72, 600, 'Body text.')}`,
      text(250, 760, 'Gazette No. 5'),
    ]);
    const result = await extractPdfText(pdf);
    expect(result).toEqual({ text: 'Body text.', pageOfLine: [1], pageCount: 2 });
  });

  it('rejects a buffer that is not a PDF', async () => {
    const err = await extractPdfText(Buffer.from('hello')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfTextError);
    expect((err as PdfTextError).code).toBe('NOT_PDF');
    expect((err as Error).message).toBe('输入的数据不是 PDF 文件（缺少 %PDF- 文件头）');
  });

  it('rejects a truncated PDF with a clear message', async () => {
    await expect(extractPdfText(Buffer.from('%PDF-1.7\n1 0 obj\n<<'))).rejects.toThrow(/PDF/);
  });
});

describe('isPageNumberLine', () => {
  it('recognises the usual page-number styles', () => {
    for (const s of [
      '2',
      '— 2 —',
      '- 2 -',
      '－12－',
      '第 2 页',
      '第2页 共10页',
      '第二页',
      '·2·',
      '2 / 10',
      'Page 2 of 10',
    ]) {
      expect(isPageNumberLine(s), s).toBe(true);
    }
  });

  it('leaves body text alone', () => {
    for (const s of ['第二条', '2023年第5期', '（二）', '70%。', '— 附件 —'])
      expect(isPageNumberLine(s), s).toBe(false);
  });
});

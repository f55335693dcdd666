/**
 * PDF → text input layer for gazette ingestion.
 *
 * pdfjs gives positioned text runs, not paragraphs. We rebuild lines from baselines, drop running headers and
 * page-number footers, and re-join visually wrapped lines (also across page breaks) using the page layout:
 * Chinese official documents indent every paragraph by two characters and fill lines to the right margin,
 * so "full line followed by an unindented line" means "same paragraph".
 */
import { getDocument, OPS, Util, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  /** Text as paragraphs: one paragraph per line, pages joined; a paragraph that runs across a page break is joined into one line. */
  text: string;
  /** For each line of `text` (0-based index), the 1-based physical PDF page it starts on. */
  pageOfLine: number[];
  pageCount: number;
}

export type PdfTextErrorCode = 'NOT_PDF' | 'ENCRYPTED' | 'UNREADABLE' | 'NO_TEXT_LAYER';

/** Lets callers (CLI, HTTP) tell "bad upload" apart from bugs without parsing the Chinese message. */
export class PdfTextError extends Error {
  constructor(
    readonly code: PdfTextErrorCode,
    message: string,
    /** 1-based page for NO_TEXT_LAYER. */
    readonly page?: number,
  ) {
    super(message);
    this.name = 'PdfTextError';
  }
}

/** One visual line, in top-down page coordinates (PDF points). */
interface Line {
  text: string;
  x: number;
  right: number;
  /** Baseline distance from the top of the page. */
  y: number;
  fontSize: number;
}

interface PageLines {
  page: number;
  height: number;
  lines: Line[];
}

interface Run {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

/** Fraction of the page height at the top and bottom where running headers and footers live. */
const RUNNING_BAND = 0.12;
/** Page-number-only lines are unambiguous, so they may sit a little further in (e.g. GB/T 9704 footers). */
const PAGE_NUMBER_BAND = 0.15;
/** A full line may end this many characters short of the margin: CJK line-breaking rules (no "，" at a
 * line start, no "《" at a line end) and unbreakable digit runs push characters to the next line. */
const RIGHT_SLACK_EM = 2.5;
/** A first-line indent is 2 em; continuation lines start at the margin. */
const INDENT_EM = 0.6;
/** Baseline gaps above this multiple of the usual line pitch separate paragraphs. */
const PARAGRAPH_GAP_FACTOR = 1.5;

const DASH = '-‐‑‒–—―−－─~～·•・．.';
const CN_NUM = '〇零一二三四五六七八九十百';
const PAGE_NUMBER_PATTERNS: RegExp[] = [
  /^\d{1,4}$/, // 2
  new RegExp(`^[${DASH}]{1,3}\\d{1,4}[${DASH}]{1,3}$`), // — 2 —, - 2 -, ·2·
  new RegExp(`^第[\\d${CN_NUM}]+页(?:[,，/]?共[\\d${CN_NUM}]+页)?$`), // 第2页, 第2页共10页
  /^共\d+页[,，]?第\d+页$/, // 共10页第2页
  /^\d{1,4}\/\d{1,4}$/, // 2/10
  /^page\d{1,4}(?:of\d{1,4})?$/i, // Page 2 of 10
];

export function isPageNumberLine(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  return PAGE_NUMBER_PATTERNS.some((re) => re.test(compact));
}

export async function extractPdfText(data: Uint8Array): Promise<PdfText> {
  assertPdfHeader(data);
  // pdfjs detaches the buffer it is given; copy so the caller's bytes stay usable.
  const task = getDocument({
    data: new Uint8Array(data),
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise.catch((err: unknown) => {
      throw toLoadError(err);
    });
    const pages: PageLines[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: Run[] = [];
      let hasText = false;
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        if (item.str.trim() !== '') hasText = true;
        // Viewport space handles /Rotate and crop-box offsets and gives top-down y.
        const [a, b, c, d, e, f] = Util.transform(viewport.transform, item.transform) as number[];
        const fontSize = Math.hypot(c!, d!);
        // Rotated runs are watermarks or margin notes, never body text.
        if (fontSize === 0 || Math.abs(b!) > 0.01 * fontSize || Math.abs(c!) > 0.01 * fontSize || a! <= 0)
          continue;
        runs.push({ text: item.str, x: e!, y: f!, width: item.width, fontSize });
      }
      if (!hasText) throw noTextLayer(n);
      pages.push({ page: n, height: viewport.height, lines: buildLines(runs) });
    }

    removeRunningLines(pages);
    // A page whose only text is a stamped page number or header but which carries an image is a scan.
    for (const p of pages) {
      if (p.lines.length === 0 && (await pageHasImage(doc, p.page))) throw noTextLayer(p.page);
    }

    const paragraphs = joinParagraphs(pages);
    return {
      text: paragraphs.map((p) => p.text).join('\n'),
      pageOfLine: paragraphs.map((p) => p.page),
      pageCount: doc.numPages,
    };
  } finally {
    await task.destroy();
  }
}

function assertPdfHeader(data: Uint8Array): void {
  // Real-world PDFs may carry a little junk before the header; readers accept it within the first KiB.
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) {
    throw new PdfTextError('NOT_PDF', '输入的数据不是 PDF 文件（缺少 %PDF- 文件头）');
  }
}

function toLoadError(err: unknown): PdfTextError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'PasswordException') return new PdfTextError('ENCRYPTED', 'PDF 文件已加密，需要密码才能读取');
  if (name === 'InvalidPDFException') return new PdfTextError('NOT_PDF', '输入的数据不是有效的 PDF 文件');
  const detail = err instanceof Error ? err.message : String(err);
  return new PdfTextError('UNREADABLE', `PDF 文件已损坏，无法解析：${detail}`);
}

function noTextLayer(page: number): PdfTextError {
  return new PdfTextError('NO_TEXT_LAYER', `PDF 第${page}页没有可提取的文字层（可能是扫描件）`, page);
}

async function pageHasImage(doc: PDFDocumentProxy, n: number): Promise<boolean> {
  const ops = await (await doc.getPage(n)).getOperatorList();
  const imageOps = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageXObjectRepeat,
  ]);
  return ops.fnArray.some((op) => imageOps.has(op));
}

/** Groups runs sharing a baseline (within 0.4 em, which tolerates superscripts) into lines. */
function buildLines(runs: Run[]): Line[] {
  const sorted = [...runs].sort((p, q) => p.y - q.y || p.x - q.x);
  const groups: Run[][] = [];
  for (const run of sorted) {
    const group = groups[groups.length - 1];
    const anchor = group?.[0];
    if (group && anchor && Math.abs(run.y - anchor.y) <= 0.4 * Math.max(run.fontSize, anchor.fontSize)) {
      group.push(run);
    } else {
      groups.push([run]);
    }
  }
  const lines: Line[] = [];
  for (const group of groups) {
    group.sort((p, q) => p.x - q.x);
    const line = joinRuns(group);
    if (line.text !== '') lines.push(line);
  }
  return lines;
}

const LATIN = /[A-Za-z0-9]/;

function joinRuns(runs: Run[]): Line {
  let text = '';
  let prevRight = -Infinity;
  let fontSize = 0;
  let x = Infinity;
  let right = -Infinity;
  for (const run of runs) {
    fontSize = Math.max(fontSize, run.fontSize);
    const gap = run.x - prevRight;
    // CJK runs abut without spaces; only a visible gap of about a character means a space. Latin words
    // split into separate runs (e.g. on a font change) need one at a much smaller gap.
    const latinPair = LATIN.test(text.slice(-1)) && LATIN.test(run.text.charAt(0));
    if (text !== '' && (gap > 0.8 * run.fontSize || (latinPair && gap > 0.15 * run.fontSize))) text += ' ';
    text += run.text;
    prevRight = run.x + run.width;
    if (run.text.trim() !== '') {
      x = Math.min(x, run.x + leadingBlankWidth(run));
      right = Math.max(right, prevRight);
    }
  }
  return { text: text.replace(/\s+/g, ' ').trim(), x, right, y: runs[0]?.y ?? 0, fontSize };
}

/** Leading spaces inside a run would make an unindented line look indented. */
function leadingBlankWidth(run: Run): number {
  const blanks = run.text.length - run.text.trimStart().length;
  return blanks === 0 || run.text.length === 0 ? 0 : (run.width * blanks) / run.text.length;
}

/**
 * Drops lines in the top/bottom band that are only a page number, or that recur at the same height on
 * another page once digits are masked (so "第3页 聊城市人民政府公报" repeats despite the page number).
 */
function removeRunningLines(pages: PageLines[]): void {
  const key = (text: string): string => text.replace(/\s+/g, '').replace(/\d+/g, '#');
  const inBand = (y: number, height: number, band: number): boolean =>
    y < band * height || y > (1 - band) * height;
  const seen = new Map<string, { page: number; y: number }[]>();
  for (const p of pages) {
    for (const line of p.lines) {
      if (!inBand(line.y, p.height, RUNNING_BAND)) continue;
      const k = key(line.text);
      const list = seen.get(k) ?? [];
      list.push({ page: p.page, y: line.y });
      seen.set(k, list);
    }
  }
  for (const p of pages) {
    p.lines = p.lines.filter((line) => {
      if (inBand(line.y, p.height, PAGE_NUMBER_BAND) && isPageNumberLine(line.text)) return false;
      if (!inBand(line.y, p.height, RUNNING_BAND)) return true;
      const tolerance = Math.max(2, 0.5 * line.fontSize);
      const repeats = (seen.get(key(line.text)) ?? []).some(
        (other) => other.page !== p.page && Math.abs(other.y - line.y) <= tolerance,
      );
      return !repeats;
    });
  }
}

interface Layout {
  /** Left text margin per page parity (odd pages first): printed gazettes mirror their margins. */
  left: [number, number];
  /** Width of a full line, from the left margin to the right margin. */
  width: number;
  /** Usual baseline-to-baseline distance inside a paragraph. */
  pitch: number;
}

/** The smallest value shared (within `tol`) by at least two samples: robust to a stray outdented line. */
function smallestRecurring(values: number[], tol: number): number | undefined {
  const sorted = [...values].sort((p, q) => p - q);
  for (let i = 0; i + 1 < sorted.length; i++) {
    if (sorted[i + 1]! - sorted[i]! <= tol) return sorted[i];
  }
  return sorted[0];
}

function measureLayout(pages: PageLines[]): Layout {
  const startsOf = (list: PageLines[]): number[] => list.flatMap((p) => p.lines.map((l) => l.x));
  const anyLeft = smallestRecurring(startsOf(pages), 1) ?? 0;
  const left: [number, number] = [0, 0];
  for (const parity of [0, 1] as const) {
    left[parity] =
      smallestRecurring(startsOf(pages.filter((p) => (p.page - 1) % 2 === parity)), 1) ?? anyLeft;
  }
  // Full lines of a paragraph all end at the right margin, so the widest recurring line width is the
  // text width; a single overlong line (a URL, a wide table row) does not recur and is ignored.
  const negWidths = pages.flatMap((p) => p.lines.map((l) => left[(p.page - 1) % 2]! - l.right));
  const width = -(smallestRecurring(negWidths, 1) ?? 0);
  const pitches: number[] = [];
  for (const p of pages) {
    for (let i = 1; i < p.lines.length; i++) {
      const d = p.lines[i]!.y - p.lines[i - 1]!.y;
      if (d > 0) pitches.push(d);
    }
  }
  pitches.sort((p, q) => p - q);
  return {
    left,
    width,
    pitch: pitches[Math.floor(pitches.length / 2)] ?? 0,
  };
}

interface Paragraph {
  text: string;
  page: number;
}

function joinParagraphs(pages: PageLines[]): Paragraph[] {
  const layout = measureLayout(pages);
  const leftOf = (page: number): number => layout.left[(page - 1) % 2]!;
  const reachesRight = (line: Line, page: number): boolean =>
    line.right >= leftOf(page) + layout.width - RIGHT_SLACK_EM * line.fontSize;
  const isIndented = (line: Line, page: number): boolean => line.x > leftOf(page) + INDENT_EM * line.fontSize;

  const out: Paragraph[] = [];
  let prev: { line: Line; page: number } | undefined;
  for (const p of pages) {
    for (const line of p.lines) {
      const continues =
        prev !== undefined &&
        reachesRight(prev.line, prev.page) &&
        !isIndented(line, p.page) &&
        // A flush-left heading is usually set in another size than the body it follows.
        Math.abs(line.fontSize - prev.line.fontSize) <= 0.1 * prev.line.fontSize &&
        // Across a page break the vertical gap means nothing.
        (prev.page !== p.page || line.y - prev.line.y <= PARAGRAPH_GAP_FACTOR * layout.pitch);
      const last = out[out.length - 1];
      if (continues && last) {
        last.text = joinWrapped(last.text, line.text);
      } else {
        out.push({ text: line.text, page: p.page });
      }
      prev = { line, page: p.page };
    }
  }
  return out;
}

/** A wrap between two Latin words stood for a space; between CJK characters it stood for nothing. */
function joinWrapped(head: string, tail: string): string {
  const a = head.slice(-1);
  const b = tail.charAt(0);
  const needsSpace = LATIN.test(a) && LATIN.test(b) && (/[A-Za-z]/.test(a) || /[A-Za-z]/.test(b));
  return needsSpace ? `${head} ${tail}` : head + tail;
}

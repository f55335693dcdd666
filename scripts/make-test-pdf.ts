/**
 * Renders a UTF-8 text file into an A4 PDF with headless Chromium, the way a gazette is printed: body
 * paragraphs with a 2-character first-line indent, centered headings, a running page header and a
 * "— N —" page-number footer. Used to make the PDF fixtures of the PDF → text layer (src/ingest/pdf-text.ts).
 *
 * Run: npx tsx scripts/make-test-pdf.ts IN.txt OUT.pdf [--header "text"] [--scanned]
 *
 * Input: blocks separated by blank lines; each block becomes one paragraph (its lines are joined).
 * --scanned draws the first blocks onto a canvas and prints only that bitmap, with no header or footer,
 * so the PDF has a page but no text layer, like a scanned gazette.
 *
 * Needs the Debian packages chromium and fonts-wqy-zenhei; the script never downloads a browser.
 *
 * Keep inputs under roughly 850 distinct characters: past about 900 glyphs Chromium (Skia) stops subsetting
 * the font and embeds all 17 MB of WenQuanYi Zen Hei, which is why the fixtures are single documents of
 * the gazette rather than the whole issue.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { launchBrowser } from '../e2e/support/browser.ts';

const FONT = "'WenQuanYi Zen Hei'";
const DEFAULT_HEADER = '聊城市人民政府公报 2023年第5期';
const MARGIN = { top: '28mm', bottom: '28mm', left: '25mm', right: '25mm' };

interface Options {
  input: string;
  output: string;
  header: string;
  scanned: boolean;
}

function parseArgs(argv: string[]): Options {
  const positional: string[] = [];
  let header = DEFAULT_HEADER;
  let scanned = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--header') {
      const value = argv[++i];
      if (value === undefined) throw new Error('--header 需要一个参数');
      header = value;
    } else if (arg === '--scanned') {
      scanned = true;
    } else {
      positional.push(arg);
    }
  }
  const [input, output] = positional;
  if (!input || !output || positional.length > 2) {
    throw new Error('用法: npx tsx scripts/make-test-pdf.ts IN.txt OUT.pdf [--header "text"] [--scanned]');
  }
  return { input, output, header, scanned };
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Joins the lines of a block; CJK needs no separator, but two Latin words would otherwise be glued. */
function joinLines(lines: string[]): string {
  return lines.reduce((acc, line) => {
    if (acc === '') return line;
    return /[A-Za-z0-9]$/.test(acc) && /^[A-Za-z0-9]/.test(line) ? `${acc} ${line}` : acc + line;
  }, '');
}

function toBlocks(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map((block) =>
      joinLines(
        block
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      ),
    )
    .filter((block) => block !== '');
}

/** Chapter titles and short unpunctuated lines (document titles, 文号, signatures) are set centered. */
function isHeading(block: string): boolean {
  if (/^第[一二三四五六七八九十百零〇]+章/.test(block)) return true;
  return block.length <= 40 && !/[，。；：！？、,.;:!?]/.test(block);
}

function bodyHtml(blocks: string[]): string {
  const paragraphs = blocks.map((b) =>
    isHeading(b) ? `<p class="heading">${escapeHtml(b)}</p>` : `<p>${escapeHtml(b)}</p>`,
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><style>
  body { margin: 0; font-family: ${FONT}; font-size: 16px; line-height: 1.6; }
  p { margin: 0; text-indent: 2em; }
  p.heading { text-indent: 0; text-align: center; margin: 0.6em 0; }
</style></head><body>
${paragraphs.join('\n')}
</body></html>`;
}

/** A page whose only content is a bitmap of some text: a stand-in for a scanned page. */
function scannedHtml(blocks: string[]): string {
  const lines = JSON.stringify(blocks.slice(0, 12));
  // The canvas is turned into a PNG <img> so Chromium cannot print it as vector text.
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><style>
  body { margin: 0; } img { width: 160mm; display: block; }
</style></head><body><img id="scan" alt="">
<script>
  const canvas = document.createElement('canvas');
  canvas.width = 1200; canvas.height = 1600;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#f4f1e8'; ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#222'; ctx.font = "28px ${FONT}";
  let y = 80;
  for (const block of ${lines}) {
    for (let i = 0; i < block.length; i += 38) { ctx.fillText(block.slice(i, i + 38), 60, y); y += 44; }
    y += 16;
  }
  document.getElementById('scan').src = canvas.toDataURL('image/png');
</script></body></html>`;
}

const headerTemplate = (text: string): string =>
  `<div style="width:100%; margin:0 ${MARGIN.left}; padding-bottom:2mm; border-bottom:0.5pt solid #c00; ` +
  `font-family:${FONT}; font-size:9pt; color:#c00; text-align:center;">${escapeHtml(text)}</div>`;

const footerTemplate =
  `<div style="width:100%; font-family:${FONT}; font-size:10pt; text-align:center;">` +
  `— <span class="pageNumber"></span> —</div>`;

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const blocks = toBlocks(readFileSync(opts.input, 'utf8'));
  if (blocks.length === 0) throw new Error(`${opts.input} 没有文字内容`);

  // Debian's chromium package, launched as the browser tests do (ZCT_CHROMIUM_PATH overrides the path).
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.setContent(opts.scanned ? scannedHtml(blocks) : bodyHtml(blocks), { waitUntil: 'load' });
    // String expressions: the project is compiled without DOM typings.
    await page.evaluate('document.fonts.ready.then(() => true)');
    if (opts.scanned) await page.waitForFunction("document.getElementById('scan').complete");
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: MARGIN,
      displayHeaderFooter: !opts.scanned,
      headerTemplate: opts.scanned ? '<span></span>' : headerTemplate(opts.header),
      footerTemplate: opts.scanned ? '<span></span>' : footerTemplate,
    });
    writeFileSync(opts.output, pdf);
    console.log(`wrote ${opts.output}: ${pdf.length} bytes`);
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});

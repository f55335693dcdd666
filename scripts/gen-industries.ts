/**
 * Generates src/core/codes/industries.data.ts, the GB/T 4754-2017 国民经济行业分类 table (20 门类, 97 大类,
 * 473 中类, 1381 小类), from the text of the standard itself.
 *
 * The source is the Word copy of the standard, "GB_T 4754-2017 国民经济行业分类.docx", kept in the public GitHub
 * repository wssmao/industry_category. Its table 5 (国民经济行业分类和代码表) has the columns 门类 | 大类 | 中类 |
 * 小类 | 类别名称 | 说明; we keep the codes and names. The result was checked against a second, independently
 * typed copy (zmshe/capital, src/utils/category.js), which agrees on every name but one it got wrong (374).
 * It is the 2017 text as published; the 第1号修改单 (2019) is not applied, as no copy of it could be checked.
 *
 * The script refuses to write unless the counts per level equal those of the standard's 附录A
 * (新旧结构对照表), so a damaged copy cannot slip through.
 *
 * Run, with a copy of that .docx at hand:
 *   npx tsx scripts/gen-industries.ts <path to the .docx> && npx prettier --write src/core/codes/industries.data.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** Reads one member of a ZIP archive (a .docx is one), enough for deflate and stored entries. */
function readZipEntry(zip: Buffer, name: string): Buffer {
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP archive');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('damaged central directory');
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localHeader = zip.readUInt32LE(p + 42);
    const entryName = zip.toString('utf8', p + 46, p + 46 + nameLength);
    if (entryName === name) {
      const start =
        localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(start, start + compressedSize);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new Error(`unsupported compression method ${method}`);
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${name} not found in the archive`);
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of each paragraph of a cell, one string per paragraph. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    decodeXml([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  );
}

const path = process.argv[2];
if (!path) throw new Error('usage: npx tsx scripts/gen-industries.ts <GB_T 4754-2017 国民经济行业分类.docx>');
const documentXml = readZipEntry(readFileSync(path), 'word/document.xml').toString('utf8');
const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(documentXml)?.[0];
if (!table) throw new Error('no table in the document');

type Level = 0 | 1 | 2 | 3;
const rows: { code: string; name: string; level: Level }[] = [];
for (const tr of table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)) {
  const cells = [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphs(c[0]));
  // Two header rows: 代码 | 类别名称 | 说明, then 门类 | 大类 | 中类 | 小类 | | .
  if (cells.length !== 6 || cells[0]!.join('').trim() === '门类') continue;
  // A row usually holds one code in one of the four code columns. Where a 中类 has a single 小类 the row
  // holds both (019 and 0190, one name), and a few rows stack two entries as paragraphs of the same cells
  // (277/2770 and 278/2780; 727 above 7271; 8052 above 8053): paragraph i of every cell is entry i.
  const columns = cells.slice(0, 5).map((ps) => ps.map((s) => s.replace(/\s+/g, '')));
  const depth = Math.max(...columns.map((c) => c.length));
  for (let i = 0; i < depth; i++) {
    const name = columns[4]![i] ?? '';
    for (let level = 0; level < 4; level++) {
      const code = columns[level]![i] ?? '';
      if (code) rows.push({ code, name, level: level as Level });
    }
  }
}

// The standard's own typography is uneven: 194 羽毛(绒)…, 7517 三维（3D)…. Use full-width brackets throughout.
for (const r of rows) r.name = r.name.replace(/\(/g, '（').replace(/\)/g, '）');

// 附录A (资料性附录) 国民经济行业分类新旧结构对照表: 20 门类, 97 大类, 473 中类, 1381 小类.
const EXPECTED = [20, 97, 473, 1381];
const counts = [0, 1, 2, 3].map((l) => rows.filter((r) => r.level === l).length);
if (counts.join() !== EXPECTED.join()) throw new Error(`counts ${counts.join()} ≠ ${EXPECTED.join()}`);

const out: string[] = [];
const seen = new Set<string>();
let section = '';
for (const r of rows) {
  const pattern = [/^[A-T]$/, /^\d{2}$/, /^\d{3}$/, /^\d{4}$/][r.level]!;
  if (!pattern.test(r.code) || !r.name) throw new Error(`bad row ${r.code} ${r.name}`);
  if (r.level === 0) section = r.code;
  const full = r.level === 0 ? r.code : section + r.code;
  const parent = r.level === 0 ? null : r.level === 1 ? section : full.slice(0, full.length - 1);
  if (parent && !seen.has(parent)) throw new Error(`${full} comes before its parent ${parent}`);
  if (seen.has(full)) throw new Error(`duplicate ${full}`);
  seen.add(full);
  out.push(`${full} ${r.name}`);
}

const file = `// Generated by scripts/gen-industries.ts from the text of GB/T 4754-2017 (wssmao/industry_category). Do not edit by hand.
// 国民经济行业分类: 门类 (A), 大类 (A01), 中类 (A011) and 小类 (A0111), in the standard's order.
export const INDUSTRY_ROWS = ${JSON.stringify(out.join('\n'))};
`;
writeFileSync(new URL('../src/core/codes/industries.data.ts', import.meta.url), file);
console.log(`wrote ${out.length} industries (${counts.join(' / ')})`);

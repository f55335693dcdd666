import { walkOutline } from '../../core/gazette/structure.ts';
import type { ParsedDocument } from '../../core/gazette/types.ts';
import type { Segmenter } from '../../search/segmenter.ts';
import type { PassageRow } from './library.repository.ts';

export type PassageInput = Required<PassageRow>;

const PLAIN_CHUNK = 400;

/**
 * Cuts a document into the passages search ranks: one per article (with its chapter as heading), one per
 * outline task (二、（一） with its heading), or paragraph runs of about 400 characters for a body with neither.
 * Each carries the document's title and the text it issues, so that 储备粮 in a title finds its articles.
 */
export function toPassages(doc: ParsedDocument, seg: Segmenter): PassageInput[] {
  const title = [doc.title, ...doc.attachments].join(' ');
  const segTitle = seg.forIndex(title).join(' ');
  const make = (
    article: number | null,
    ref: string | null,
    heading: string | null,
    text: string,
  ): PassageInput => ({
    article_number: article,
    ref,
    heading,
    text,
    seg_body: seg.forIndex(text).join(' '),
    seg_heading: heading ? seg.forIndex(heading).join(' ') : '',
    seg_title: segTitle,
  });
  const out: PassageInput[] = [];
  if (doc.articles.length > 0) {
    for (const a of doc.articles) {
      const chapter = doc.chapters.find((c) => c.number === a.chapter);
      out.push(make(a.number, a.label, chapter ? `${chapter.label} ${chapter.title}` : null, a.text));
    }
    return out;
  }
  if (doc.outline.length > 0) {
    for (const { node, path } of walkOutline(doc.outline)) {
      // Tasks sit at the second level; a first-level part with no tasks under it is a passage of its own.
      if (node.level > 2) continue;
      if (node.level === 1 && node.children.length > 0 && !node.text) continue;
      const below =
        node.level === 2
          ? [...walkOutline(node.children)].map(({ node: n }) => `${n.label}${n.heading ?? ''}${n.text}`)
          : [];
      const departments =
        node.leadDepartments.length > 0 ? `（牵头单位：${node.leadDepartments.join('、')}）` : '';
      const text = [node.text, ...below].filter(Boolean).join('\n') + departments;
      out.push(make(null, path, node.heading, text || node.heading || ''));
    }
    if (doc.preface.length > 0) out.unshift(make(null, null, null, doc.preface.join('\n')));
    return out;
  }
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length > 0) out.push(make(null, null, null, chunk.join('\n')));
    chunk = [];
  };
  for (const para of [...doc.preamble, ...doc.body.split('\n')].filter(Boolean)) {
    if (chunk.join('').length + para.length > PLAIN_CHUNK) flush();
    chunk.push(para);
  }
  flush();
  return out;
}

import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { DOMAIN_WORDS } from './domain-words.ts';

const jiebaVersion = (createRequire(import.meta.url)('@node-rs/jieba/package.json') as { version: string })
  .version;

/**
 * Chinese word segmentation with jieba (@node-rs/jieba) and our domain dictionary. The same segmenter must
 * cut both the index and the queries, or words cut differently never meet.
 */
export interface Segmenter {
  /** Changes whenever the dictionary does: an index built with another version must be rebuilt. */
  version: string;
  /** Words for the index: search mode, which also emits the parts of long words (储备粮 → 储备, 储备粮). */
  forIndex(text: string): string[];
  /** Words of a query: precise mode, so that 储备粮 asks for 储备粮 and not for 储备 or 粮. */
  forQuery(text: string): string[];
}

let shared: Segmenter | null = null;

const WORD_RE = /[\p{L}\p{N}]/u;

export function getSegmenter(): Segmenter {
  if (shared) return shared;
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 100000`).join('\n')));
  const keep = (words: string[]) =>
    words.map((w) => w.trim().toLowerCase()).filter((w) => w && WORD_RE.test(w));
  const version = createHash('sha256')
    .update(JSON.stringify([jiebaVersion, DOMAIN_WORDS]))
    .digest('hex')
    .slice(0, 16);
  shared = {
    version,
    forIndex: (text) => keep(jieba.cutForSearch(text, true)),
    forQuery: (text) => keep(jieba.cut(text, false)),
  };
  return shared;
}

export { parseGazetteText, titleSimilarity, type ParseOptions } from './gazette-parser.ts';
export { parseDocumentLines, kindOfTitle } from './document-parser.ts';
export { decodeText } from './decode.ts';
export { GazetteParseError } from './errors.ts';
export { parseDocNumberLine, normaliseDocNumber, findDocNumbers } from './doc-number.ts';
export type * from './types.ts';

import { GazetteParseError } from './errors.ts';

/**
 * Turns the bytes of a text file into a string. UTF-8 is expected; GB18030 (a superset of GBK and GB2312,
 * still common in government offices) is detected and converted. Binary and empty input is refused.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (bytes.length === 0) throw new GazetteParseError('文件为空', null, null, 'empty');
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) throw new GazetteParseError('这是二进制文件，不是文本（含有空字节）', null, null, 'binary');
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (control > sample.length * 0.01) {
    throw new GazetteParseError('这是二进制文件，不是文本（含有大量控制字符）', null, null, 'binary');
  }
  let text: string;
  let encoding: 'utf-8' | 'gb18030' = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      encoding = 'gb18030';
    } catch {
      throw new GazetteParseError(
        '无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK',
        null,
        null,
        'encoding',
      );
    }
    // Any byte string of the right shape decodes as GB18030; real text is mostly CJK.
    const cjk = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
    if (cjk < text.replace(/\s/g, '').length * 0.3) {
      throw new GazetteParseError('无法识别文件编码：按 GB18030 解码后不是中文文本', null, null, 'encoding');
    }
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new GazetteParseError('文件为空（只有空白）', null, null, 'empty');
  return { text, encoding };
}

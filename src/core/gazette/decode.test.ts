import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode.ts';
import { GazetteParseError } from './errors.ts';

describe('decodeText', () => {
  const text = '聊城市人民政府文件\n聊政发〔2023〕3号\n第一条 为加强地方储备粮管理，制定本办法。';

  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])).text).toBe(text);
  });

  it('detects GBK/GB18030 and converts it', () => {
    expect(decodeText(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
    expect(decodeText(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'gb18030' });
  });

  it('refuses empty and binary input with a clear message', () => {
    expect(() => decodeText(new Uint8Array())).toThrow(/文件为空/);
    expect(() => decodeText(Buffer.from('  \n\t '))).toThrow(/只有空白/);
    expect(() => decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toThrow(GazetteParseError);
    expect(() => decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toThrow(/二进制/);
  });

  it('refuses bytes that are neither UTF-8 nor Chinese in GB18030', () => {
    const latin1 = Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve fa\xe7ade', 'latin1');
    expect(() => decodeText(latin1)).toThrow(/编码/);
  });
});

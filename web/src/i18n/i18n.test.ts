import { describe, expect, it } from 'vitest';
import { list, t } from './index.ts';
import { zhCN } from './zh-CN.ts';

describe('message catalogue', () => {
  it('fills parameters and shows a missing one as written', () => {
    expect(t('search.summary', { total: 54, documents: 1 })).toBe('找到 54 处条文，涉及 1 份文件');
    expect(t('search.summary', { total: 54 })).toBe('找到 54 处条文，涉及 {documents} 份文件');
    expect(list(['甲', '乙', '丙'])).toBe('甲、乙、丙');
  });

  it('has text for every key, in Chinese', () => {
    for (const [key, text] of Object.entries(zhCN)) {
      expect(text.trim(), key).not.toBe('');
      // Every message holds Chinese, or only parameters and punctuation (e.g. '《{title}》').
      const bare = text.replace(/\{\w+\}/g, '');
      expect(/[\u4e00-\u9fff]/.test(bare) || /^[\s、，：（）《》]*$/.test(bare), `${key}: ${text}`).toBe(
        true,
      );
    }
  });
});

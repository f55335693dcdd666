import { describe, expect, it } from 'vitest';
import type { Article, Chapter, OutlineNode } from '../../api/client.ts';
import { allAnchors, articleGist, buildToc, decodeHash, outlineAnchor, tocIds } from './anchors.ts';

const article = (
  number: number,
  label: string,
  chapter: number | null,
  text = `${label}的内容。`,
): Article => ({
  number,
  label,
  chapter,
  section: null,
  text,
  paragraphs: [],
  source: { line: number, page: null },
});
const chapter = (number: number, label: string, title: string): Chapter => ({
  number,
  label,
  title,
  sections: [],
  source: { line: 0, page: null },
});
const node = (
  level: number,
  label: string,
  heading: string | null,
  children: OutlineNode[] = [],
): OutlineNode => ({
  level,
  label,
  number: 1,
  heading,
  text: '',
  leadDepartments: [],
  responsibleDepartments: [],
  children,
  source: { line: 0, page: null },
});

describe('document anchors and table of contents', () => {
  it('decodes the hash the browser gives back', () => {
    expect(decodeHash('#%E7%AC%AC%E4%B8%89%E5%8D%81%E6%9D%A1')).toBe('第三十条');
    expect(decodeHash('#第三十条')).toBe('第三十条');
    expect(decodeHash('')).toBeNull();
    expect(decodeHash('#%E7%AC')).toBeNull();
  });

  it('groups articles under their chapters, with anchors as the articles are cited', () => {
    const toc = buildToc({
      chapters: [chapter(1, '第一章', '总则'), chapter(2, '第二章', '许可')],
      articles: [article(1, '第一条', 1), article(2, '第二条', 1), article(3, '第三条', 2)],
      outline: [],
    });
    expect(toc.map((e) => [e.id, e.title, e.children.map((c) => c.id)])).toEqual([
      ['第一章', '总则', ['第一条', '第二条']],
      ['第二章', '许可', ['第三条']],
    ]);
    expect(tocIds(toc)).toEqual(['第一章', '第一条', '第二条', '第二章', '第三条']);
  });

  it('lists articles alone when there are no chapters, and the first two outline levels of a plan', () => {
    expect(tocIds(buildToc({ chapters: [], articles: [article(1, '第一条', null)], outline: [] }))).toEqual([
      '第一条',
    ]);
    const plan = buildToc({
      chapters: [],
      articles: [],
      outline: [
        node(1, '一、', '总体要求', [node(2, '（一）', '指导思想'), node(2, '（二）', null)]),
        node(1, '二、', '重点任务', [node(2, '（一）', '统一政策清单')]),
      ],
    });
    // （一） under 一、 and under 二、 get different anchors.
    expect(tocIds(plan)).toEqual(['一', '一（一）', '二', '二（一）']);
    expect(outlineAnchor('一（一）', { label: '1.' })).toBe('一（一）1');
  });

  it('shortens an article to its first words', () => {
    expect(
      articleGist({ text: '为了加强校车安全管理，保障乘坐校车学生的人身安全，根据国务院\n第二款' }),
    ).toBe('为了加强校车安全管理，保障乘坐校车学…');
    expect(articleGist({ text: '本办法自发布之日起施行。' })).toBe('本办法自发布之日起施行。');
  });
});

describe('anchors in the body', () => {
  it('lists every id the body renders, so an unknown #第九十九条 is told apart', () => {
    const ids = allAnchors({
      chapters: [
        { ...chapter(1, '第一章', '总则'), sections: [{ number: 1, label: '第一节', title: '一般规定' }] },
      ],
      articles: [article(1, '第一条', 1)],
      outline: [node(1, '一、', '总体要求', [node(2, '（一）', null)])],
    });
    expect([...ids].sort()).toEqual(['一', '一（一）', '第一章', '第一章第一节', '第一条'].sort());
  });
});

import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../api/client.ts';
import { DocumentBody, type BodyDocument } from './DocumentBody.tsx';

const article30: Article = {
  number: 30,
  label: '第三十条',
  chapter: 1,
  section: null,
  text: '校车驾驶人应当符合下列条件：\n（一）取得相应准驾车型驾驶证；',
  paragraphs: [
    {
      number: 1,
      text: '校车驾驶人应当符合下列条件：',
      items: [{ number: 1, label: '（一）', text: '取得相应准驾车型驾驶证；', subitems: [] }],
    },
  ],
  source: { line: 1, page: null },
};

const doc = (over: Partial<BodyDocument>): BodyDocument => ({
  addressees: [],
  preamble: [],
  attachments: [],
  preface: [],
  chapters: [],
  articles: [],
  outline: [],
  body: '',
  ...over,
});

describe('document body', () => {
  it('gives every article its own anchor and heading link, under its chapter', () => {
    const html = renderToStaticMarkup(
      <DocumentBody
        canCopy={false}
        doc={doc({
          addressees: ['各县（市、区）人民政府'],
          preamble: ['现将《聊城市校车安全管理办法》印发给你们。'],
          attachments: ['聊城市校车安全管理办法'],
          chapters: [
            {
              number: 1,
              label: '第五章',
              title: '校车驾驶人',
              sections: [],
              source: { line: 0, page: null },
            },
          ],
          articles: [article30],
        })}
      />,
    );
    expect(html).toContain(
      '<section id="第三十条" class="article" aria-labelledby="第三十条-h" tabindex="-1">',
    );
    expect(html).toContain('<a href="#第三十条" class="article-anchor" data-nav-item="">第三十条</a>');
    expect(html).toContain('<h2 id="第五章" class="chapter-title" tabindex="-1">第五章　校车驾驶人</h2>');
    expect(html).toContain('<h2 class="document-attachment-title">聊城市校车安全管理办法</h2>');
    expect(html).toContain('<p>各县（市、区）人民政府：</p>');
    expect(html).toContain('<li><span class="item-label">（一）</span>取得相应准驾车型驾驶证；</li>');
  });

  it('shows text as text: markup in a document is escaped', () => {
    const html = renderToStaticMarkup(
      <DocumentBody doc={doc({ body: '第一段<img src=x onerror=alert(1)>\n第二段' })} canCopy={false} />,
    );
    expect(html).toBe(
      '<div class="document-body"><p>第一段&lt;img src=x onerror=alert(1)&gt;</p><p>第二段</p></div>',
    );
  });

  it('renders a plan by its outline, with lead departments', () => {
    const html = renderToStaticMarkup(
      <DocumentBody
        canCopy={false}
        doc={doc({
          outline: [
            {
              level: 1,
              label: '二、',
              number: 2,
              heading: '重点任务',
              text: '',
              leadDepartments: [],
              responsibleDepartments: [],
              source: { line: 0, page: null },
              children: [
                {
                  level: 2,
                  label: '（一）',
                  number: 1,
                  heading: '统一政策清单',
                  text: '全面梳理政策。',
                  leadDepartments: ['市政务服务管理局'],
                  responsibleDepartments: ['市直有关部门'],
                  source: { line: 0, page: null },
                  children: [],
                },
              ],
            },
          ],
        })}
      />,
    );
    expect(html).toContain('id="二（一）"');
    expect(html).toContain(
      '<h3><a href="#二（一）" class="article-anchor" data-nav-item="">（一）统一政策清单</a></h3>',
    );
    expect(html).toContain('牵头单位：市政务服务管理局');
    expect(html).toContain('责任单位：市直有关部门');
  });
});

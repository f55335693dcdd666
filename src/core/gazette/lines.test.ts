import { describe, expect, it } from 'vitest';
import { parseDocNumberLine, normaliseDocNumber } from './doc-number.ts';
import { endsSentence, reflow, splitTopLevel, squeezeCjkSpaces, toLines } from './lines.ts';
import { extractDepartments } from './structure.ts';
import { findCitations } from './citations.ts';

describe('reflow', () => {
  const paras = (text: string, mode: 'articles' | 'outline' | 'plain' = 'articles') =>
    reflow(toLines(text), mode).map((p) => p.text);

  it('joins a word cut by a page break and keeps paragraphs apart', () => {
    expect(
      paras(
        '第七条 任何单位发现地方储备粮经\n\n营管理中存在违法行为时，均有权举报。\n\n第八条 储备粮的收购计划。',
      ),
    ).toEqual([
      '第七条 任何单位发现地方储备粮经营管理中存在违法行为时，均有权举报。',
      '第八条 储备粮的收购计划。',
    ]);
    expect(paras('原则上不得低于总量计划的\n\n70%。')).toEqual(['原则上不得低于总量计划的70%。']);
  });

  it('does not join after headings or before structural starts', () => {
    expect(paras('第五章 动 用\n\n第二十九条 应当制定预案。')).toEqual([
      '第五章 动 用',
      '第二十九条 应当制定预案。',
    ]);
    expect(paras('承储企业应当具备下列条件：\n- （一）具有独立法人资格\n（二）仓库容量符合标准；')).toEqual([
      '承储企业应当具备下列条件：',
      '（一）具有独立法人资格',
      '（二）仓库容量符合标准；',
    ]);
    expect(paras('一、总体要求\n\n坚持以人为本。', 'outline')).toEqual(['一、总体要求', '坚持以人为本。']);
  });

  it('joins hard-wrapped lines', () => {
    expect(
      paras('为持续推进营商环境集成化改革，\n在更大范围内实现惠企便民政策精准直达、快\n速兑现。', 'plain'),
    ).toEqual(['为持续推进营商环境集成化改革，在更大范围内实现惠企便民政策精准直达、快速兑现。']);
  });

  it('knows where sentences end', () => {
    expect(endsSentence('确保各项任务目标完成。')).toBe(true);
    expect(endsSentence('（牵头单位：市工业和信息化局、市财政局）')).toBe(true);
    expect(endsSentence('各县（市、区）')).toBe(false);
    expect(endsSentence('“政策通”')).toBe(false);
    expect(endsSentence('附件：名单（略）')).toBe(true);
  });
});

describe('small text helpers', () => {
  it('drops bidirectional controls, which would show the text after them reversed', () => {
    const lines = toLines('第三条\u202e 方向反转\u2066文字\u2069\n\u202a\u202c\n（一）\u202d甲');
    expect(lines.map((l) => l.text)).toEqual(['第三条 方向反转文字', '（一）甲']);
    expect(lines.map((l) => l.line)).toEqual([1, 3]);
  });

  it('splits lists only outside brackets', () => {
    expect(splitTopLevel('涉及惠企便民政策的市直部门，各县（市、区）人民政府、市属开发区管委会')).toEqual([
      '涉及惠企便民政策的市直部门',
      '各县（市、区）人民政府',
      '市属开发区管委会',
    ]);
  });

  it('removes print spacing between Chinese characters only', () => {
    expect(squeezeCjkSpaces('动 用')).toBe('动用');
    expect(squeezeCjkSpaces('的 通 知')).toBe('的通知');
    expect(squeezeCjkSpaces('推进 DCMM 贯标')).toBe('推进 DCMM 贯标');
  });

  it('reads department notes with brackets inside them', () => {
    expect(
      extractDepartments(
        '统一清单。（牵头部门：市政府办公室；责任部门：各县（市、区）人民政府，市属开发区管委会）',
      ),
    ).toEqual({
      text: '统一清单。',
      lead: ['市政府办公室'],
      responsible: ['各县（市、区）人民政府', '市属开发区管委会'],
    });
  });

  it('reads 文号 written in the usual variants', () => {
    expect(parseDocNumberLine('聊政发〔2023〕3号')?.text).toBe('聊政发〔2023〕3号');
    expect(parseDocNumberLine('聊政发[2023]3号')?.text).toBe('聊政发〔2023〕3号');
    expect(parseDocNumberLine('鲁政办发【2022】16号')?.text).toBe('鲁政办发〔2022〕16号');
    expect(parseDocNumberLine('济政发〔2022〕5号    签发人：张三')?.text).toBe('济政发〔2022〕5号');
    expect(parseDocNumberLine('青岛市人民政府令第280号')?.text).toBe('青岛市人民政府令第280号');
    expect(parseDocNumberLine('聊政发〔2023〕3号要求各单位')).toBeNull();
    expect(normaliseDocNumber('国粮储 〔2016〕 136号')).toBe('国粮储〔2016〕136号');
  });

  it('finds citations, pairing titles with the 文号 after them', () => {
    expect(
      findCitations(
        '根据《山东省人民政府关于印发山东省制造业数字化转型行动方案（2022-2025年）的通知》（鲁政字〔2022〕201号）和《粮食流通管理条例》，参照（国粮储〔2016〕234号）',
      ),
    ).toEqual([
      {
        title: '山东省人民政府关于印发山东省制造业数字化转型行动方案（2022-2025年）的通知',
        docNumber: '鲁政字〔2022〕201号',
      },
      { title: '粮食流通管理条例', docNumber: null },
      { title: null, docNumber: '国粮储〔2016〕234号' },
    ]);
  });
});

import { parseRule } from './syntax.ts';
import type { Rule } from './types.ts';

/**
 * Worked rules from the sample gazette, for tests, benchmarks and as a model for editors.
 *
 * @example compileRule(SCHOOL_BUS_DRIVER_RULE, { catalogue: BASE_CATALOGUE })
 */

/**
 * 聊城市校车安全管理办法 (聊政字〔2023〕9号) 第三十条, the conditions for a school-bus driver.
 *
 * Modelling choices, to be confirmed by the owning department:
 * - 相应准驾车型 depends on the bus; the classes listed are those the platform's brief gives.
 * - 最近连续三个记分周期: a 记分周期 is 12 months from the date of first licence (公安部令第162号 第六十五条);
 *   this reads it as the last 36 months, which can differ from the licence-anchored cycles by up to a year.
 * - 三年以上, 二十五周岁以上, 不超过六十周岁 all include the number itself (民法典 第一千二百五十九条).
 */
export const SCHOOL_BUS_DRIVER_TEXT = `# 聊城市校车安全管理办法 第三十条：校车驾驶人应当具备的条件
driver "校车驾驶人条件": all @聊政字〔2023〕9号 第三十条 {
  # （一）取得相应准驾车型驾驶证并具有三年以上驾驶经历，年龄在二十五周岁以上、不超过六十周岁
  licence "准驾车型": person.licenceClass in ["A1", "A2", "A3", "B1", "B2"] @第三十条（一）
  experience "驾驶经历": yearsSince(person.licensedOn) >= 3 @第三十条（一）
  age "年龄": person.age between 25 and 60 @第三十条（一）
  # （二）最近连续三个记分周期内没有被记满分记录（一个记分周期为12个月）
  points "记满分记录": count(person.records where kind = "记满分" and on within 36 months) = 0 @第三十条（二）
  # （三）无致人死亡或者重伤的交通事故责任记录
  accident "事故责任记录": count(person.records where kind = "致人死亡或重伤事故责任") = 0 @第三十条（三）
  # （四）无饮酒后驾驶或者醉酒驾驶机动车记录，最近一年内无驾驶客运车辆超员、超速等严重交通违法行为记录
  drink "酒驾醉驾记录": count(person.records where kind in ["饮酒驾驶", "醉酒驾驶"]) = 0 @第三十条（四）
  serious "严重交通违法记录": count(person.records where kind = "客运超员超速等严重违法" and on within 1 year) = 0 @第三十条（四）
  # （五）无犯罪记录，无酗酒、吸毒行为记录
  crime "犯罪、酗酒、吸毒记录": count(person.records where kind in ["犯罪", "酗酒", "吸毒"]) = 0 @第三十条（五）
  # （六）身心健康，无传染性疾病，无癫痫、精神病等可能危及行车安全的疾病病史
  health "身心健康": person.healthy = true @第三十条（六）
}
`;

function parseOrThrow(text: string): Rule {
  const parsed = parseRule(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.rule;
}

export const SCHOOL_BUS_DRIVER_RULE: Rule = parseOrThrow(SCHOOL_BUS_DRIVER_TEXT);

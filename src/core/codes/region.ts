import type { Level } from '../gazette/types.ts';
import { REGION_ROWS } from './regions.data.ts';

/**
 * GB/T 2260 行政区划代码: six digits, PPCCDD. XX0000 is a province, XXXX00 a prefecture-level city, the rest
 * county-level divisions (区, 县, 县级市). Municipalities list their districts under XX01 "市辖区".
 *
 * @example regionByCode('371581')?.name === '临清市'; levelOfRegion('371500') === '市'
 */
export interface Region {
  code: string;
  name: string;
  /** The code of the enclosing region, or null for a province. */
  parent: string | null;
}

const byCode = new Map<string, Region>();
const byName = new Map<string, Region[]>();

for (const row of REGION_ROWS.split('\n')) {
  const [code, name] = row.split(' ') as [string, string];
  const parent = code.endsWith('0000')
    ? null
    : code.endsWith('00')
      ? `${code.slice(0, 2)}0000`
      : `${code.slice(0, 4)}00`;
  const region: Region = { code, name, parent };
  byCode.set(code, region);
  if (name === '市辖区' || name === '县') continue;
  const list = byName.get(name) ?? [];
  list.push(region);
  byName.set(name, list);
}

/** Municipalities (直辖市) act as provinces. */
const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

export function regionByCode(code: string): Region | null {
  return byCode.get(code) ?? null;
}

export function isWithinRegion(code: string, ancestor: string): boolean {
  for (let r = byCode.get(code); r; r = r.parent ? byCode.get(r.parent) : undefined) {
    if (r.code === ancestor) return true;
    // Districts of municipalities hang under XX0100 市辖区, which the table keeps.
    if (r.parent === null) break;
  }
  return false;
}

export function levelOfRegion(code: string): Level {
  if (code.endsWith('0000') || MUNICIPALITIES.has(code)) return '省';
  if (code.endsWith('00')) return '市';
  return '县';
}

const NATIONAL =
  /^(国务院|中共中央|全国人民代表大会|全国人大|中华人民共和国|国家[\u4e00-\u9fff]{1,12}(部|局|委员会|署|院|总局)|(财政|教育|科学技术|工业和信息化|公安|民政|司法|人力资源社会保障|人力资源和社会保障|自然资源|生态环境|住房城乡建设|住房和城乡建设|交通运输|水利|农业农村|商务|文化和旅游|应急管理)部|中国人民银行|海关总署|国家税务总局|国家市场监督管理总局)/;

/**
 * Infers the level and region of an issuing body from its name: 聊城市人民政府 → 市, 371500;
 * 临清市人民政府办公室 → 县, 371581; 国务院办公厅 → 国家. Where a name such as 开发区 fits several regions,
 * `within` (the region of the gazette it was published in) decides.
 */
export function inferRegion(
  issuer: string,
  within?: string | null,
): { level: Level; regionCode: string | null } | null {
  const name = issuer.replace(/\s+/g, '');
  if (NATIONAL.test(name)) return { level: '国家', regionCode: null };
  // Longest region name at the start of the issuer's name: 东昌府区人民政府, 山东省财政厅, 聊城市人民政府办公室.
  for (let len = Math.min(name.length, 12); len >= 2; len--) {
    const candidates = byName.get(name.slice(0, len));
    if (!candidates) continue;
    const inside = within
      ? candidates.filter((r) => isWithinRegion(r.code, within) || isWithinRegion(within, r.code))
      : [];
    const chosen = inside[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (chosen) return { level: levelOfRegion(chosen.code), regionCode: chosen.code };
  }
  // "市政府", "县人民政府" without a place name: the body belongs to the gazette's own region.
  if (within && /^(市|县|区|省)(人民)?政府/.test(name))
    return { level: levelOfRegion(within), regionCode: within };
  return null;
}

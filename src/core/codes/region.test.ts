import { describe, expect, it } from 'vitest';
import { inferRegion, isWithinRegion, levelOfRegion, regionByCode } from './region.ts';

describe('GB/T 2260 regions', () => {
  it('knows 聊城 and its counties', () => {
    expect(regionByCode('371500')?.name).toBe('聊城市');
    expect(regionByCode('371502')?.name).toBe('东昌府区');
    expect(regionByCode('371581')).toEqual({ code: '371581', name: '临清市', parent: '371500' });
    expect(isWithinRegion('371525', '371500')).toBe(true);
    expect(isWithinRegion('371525', '370000')).toBe(true);
    expect(isWithinRegion('370102', '371500')).toBe(false);
    expect([
      levelOfRegion('370000'),
      levelOfRegion('371500'),
      levelOfRegion('371581'),
      levelOfRegion('110000'),
    ]).toEqual(['省', '市', '县', '省']);
  });

  it('infers level and region from an issuing body', () => {
    expect(inferRegion('聊城市人民政府')).toEqual({ level: '市', regionCode: '371500' });
    expect(inferRegion('聊城市人民政府办公室')).toEqual({ level: '市', regionCode: '371500' });
    expect(inferRegion('临清市人民政府办公室')).toEqual({ level: '县', regionCode: '371581' });
    expect(inferRegion('东昌府区人民政府')).toEqual({ level: '县', regionCode: '371502' });
    expect(inferRegion('山东省人民政府')).toEqual({ level: '省', regionCode: '370000' });
    expect(inferRegion('济南市工业和信息化局')).toEqual({ level: '市', regionCode: '370100' });
    expect(inferRegion('国务院办公厅')).toEqual({ level: '国家', regionCode: null });
    expect(inferRegion('财政部')).toEqual({ level: '国家', regionCode: null });
    expect(inferRegion('市政府办公室', '371500')).toEqual({ level: '市', regionCode: '371500' });
    expect(inferRegion('某某协会')).toBeNull();
  });

  it('uses the gazette region to place a name found in several provinces', () => {
    // 东昌区 exists only in 通化; 高新区-like duplicates are decided by `within`. 铁西区 is in 沈阳 and 鞍山 (and 四平).
    const anshan = inferRegion('铁西区人民政府', '210300');
    expect(anshan?.regionCode?.startsWith('2103')).toBe(true);
    const shenyang = inferRegion('铁西区人民政府', '210100');
    expect(shenyang?.regionCode?.startsWith('2101')).toBe(true);
  });
});

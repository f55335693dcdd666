/**
 * 聊城市 and its counties (GB/T 2260), for the region questions and to name a region code where the portal shows
 * one. Content, like the topics' search words: the names are the standard's, not interface text. 371523 (茌平县)
 * was abolished in 2019 (now 茌平区 371503) but still opens older citizen ids, so it can be named, not chosen.
 */
export const LIAOCHENG_COUNTIES: readonly { code: string; name: string }[] = [
  { code: '371502', name: '东昌府区' },
  { code: '371503', name: '茌平区' },
  { code: '371521', name: '阳谷县' },
  { code: '371522', name: '莘县' },
  { code: '371524', name: '东阿县' },
  { code: '371525', name: '冠县' },
  { code: '371526', name: '高唐县' },
  { code: '371581', name: '临清市' },
];

const NAMES = new Map<string, string>([
  ['371500', '聊城市'],
  ['371523', '茌平县'],
  ...LIAOCHENG_COUNTIES.map((c) => [c.code, c.name] as [string, string]),
]);

/** '371581' → '临清市'; an unknown code is shown as it is. */
export function regionName(code: string): string {
  return NAMES.get(code) ?? code;
}

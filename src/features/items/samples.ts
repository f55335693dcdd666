import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FlatRecord } from '../../core/profiles/records.ts';
import type { Logger } from '../../logger.ts';
import type { ProfilesService } from '../profiles/profiles.service.ts';
import type { ItemsService } from './items.service.ts';

/**
 * Loads the sample policy items (data/items/*.json, published) and the fictional sample profiles
 * (data/profiles/{enterprises,persons}.json). Both are idempotent, so this runs at every start; an invalid file
 * stops the start with a message naming the file and field.
 */
export async function loadItemSamples(
  items: ItemsService,
  profiles: ProfilesService,
  dataDir: string,
  log?: Logger,
): Promise<void> {
  const itemDir = join(dataDir, 'items');
  const files = readdirSync(itemDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const inputs = files.map((f) => {
    try {
      return JSON.parse(readFileSync(join(itemDir, f), 'utf8')) as unknown;
    } catch (e) {
      throw new Error(`data/items/${f}：不是有效的 JSON（${(e as Error).message}）`, { cause: e });
    }
  });
  const saved = await items.loadDefinitions(inputs, files);
  log?.info({ items: saved.length, changed: saved.filter((s) => s.changed).length }, 'sample items loaded');

  for (const [kind, file] of [
    ['enterprise', 'enterprises.json'],
    ['person', 'persons.json'],
  ] as const) {
    const records = JSON.parse(readFileSync(join(dataDir, 'profiles', file), 'utf8')) as FlatRecord[];
    const n = await profiles.loadRecords(kind, records, true);
    log?.info({ kind, profiles: n }, 'sample profiles loaded');
  }
}

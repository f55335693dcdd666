import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LEVELS } from '../../core/access/policy.ts';
import type { Logger } from '../../logger.ts';
import type { ItemsService } from '../items/items.service.ts';
import type { AccountsService } from './accounts.service.ts';

const file = z.object({
  departments: z.array(
    z.object({
      code: z.string().min(2),
      name: z.string().min(2),
      level: z.enum(LEVELS),
      regionCode: z.string().regex(/^\d{6}$/),
      items: z.array(z.string()),
    }),
  ),
});

/**
 * Loads the sample departments (data/departments.json) and gives each sample item its owning department where
 * it has none yet. Idempotent: it runs at every start and never moves an item a department already owns.
 */
export async function loadDepartmentSamples(
  accounts: AccountsService,
  items: ItemsService,
  dataDir: string,
  log?: Logger,
): Promise<void> {
  const parsed = file.safeParse(JSON.parse(readFileSync(join(dataDir, 'departments.json'), 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`data/departments.json：${i.path.join('.')}：${i.message}`);
  }
  let owned = 0;
  for (const d of parsed.data.departments) {
    const dept = await accounts.createDepartment(d);
    for (const code of d.items) if (await items.adoptIfUnowned(code, dept.id)) owned++;
  }
  log?.info(
    { departments: parsed.data.departments.length, itemsAssigned: owned },
    'sample departments loaded',
  );
}

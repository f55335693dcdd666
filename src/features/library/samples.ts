import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../logger.ts';
import type { LibraryService } from './library.service.ts';

/** Loads the sample content (data/samples/*.txt|pdf). Ingest is idempotent, so this runs at every start. */
export async function loadSamples(library: LibraryService, dir: string, log?: Logger): Promise<void> {
  const files = readdirSync(dir)
    .filter((f) => /\.(txt|pdf)$/i.test(f))
    .sort();
  for (const file of files) {
    const report = await library.ingest(readFileSync(join(dir, file)), `samples/${file}`);
    const changed = report.documents.filter((d) => d.outcome !== 'unchanged').length;
    log?.info({ file, documents: report.documents.length, changed }, 'sample loaded');
  }
}

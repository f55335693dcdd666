import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrate.ts';

/** Reserved for this session's work; filled in before it lands. */
export async function up(_db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {}

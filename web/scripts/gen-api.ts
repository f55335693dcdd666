import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { generateApiSchema, SCHEMA_FILE } from './api-schema.ts';

/** `npm run gen:api`: rewrites web/src/api/schema.d.ts from the server's OpenAPI document. */
writeFileSync(SCHEMA_FILE, await generateApiSchema());
console.log(`wrote ${relative(process.cwd(), SCHEMA_FILE)}`);

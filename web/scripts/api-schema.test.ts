import { describe, expect, it } from 'vitest';
import { committedApiSchema, generateApiSchema } from './api-schema.ts';

describe('typed API client', () => {
  it('matches the OpenAPI document the server publishes (run `npm run gen:api` after changing a schema)', async () => {
    const fresh = await generateApiSchema();
    expect(fresh.length).toBeGreaterThan(1000);
    // A plain equality check: a diff of a 1,000-line file is printed only as far as it helps.
    if (fresh !== committedApiSchema()) {
      expect(committedApiSchema(), 'web/src/api/schema.d.ts is stale: run `npm run gen:api`').toBe(fresh);
    }
  });
});

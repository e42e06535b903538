// Writes docs/analysis.schema.json from the zod schema in src/schema.ts (npm run schema).
import { writeFileSync } from 'node:fs';
import { jsonSchema } from '../src/schema.js';
writeFileSync(new URL('../docs/analysis.schema.json', import.meta.url), JSON.stringify({ $id: 'sitrep/analysis@1', ...(jsonSchema() as object) }, null, 2) + '\n');

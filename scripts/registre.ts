/** `npm run registre`: writes docs/registre-rgpd.md from the code (src/privacy/registre.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRegistre } from '../src/privacy/registre';

const file = join(__dirname, '..', 'docs', 'registre-rgpd.md');
writeFileSync(file, buildRegistre());
console.log(`written: ${file}`);

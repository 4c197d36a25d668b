// @ts-check
/** `npm run lint` step: fails when any file under the given folder (default src/) is part of an import cycle. */
import path from 'node:path';
import { describeCycles } from './import-cycles.mjs';

const root = path.resolve(process.argv[2] ?? 'src');
const report = describeCycles(root);
if (report) {
  process.stderr.write(`${report}\nImport cycles tie files together so neither can be read or tested alone: move the shared piece into a file both import.\n`);
  process.exit(1);
}
process.stdout.write(`import cycles: none under ${path.relative(process.cwd(), root) || '.'}\n`);

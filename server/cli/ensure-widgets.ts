// Before npm start: builds the widgets when dist/widgets is missing or older than a widget source.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outputs = ['slims-crm.js', 'slims-crm-admin.js'].map((name) => join(root, 'dist/widgets', name));

function newest(dir: string): number {
  return readdirSync(dir).reduce((latest, name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    return Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }, 0);
}

const sources = Math.max(newest(join(root, 'widgets')), statSync(join(root, 'vite.config.ts')).mtimeMs);
const built = outputs.every(existsSync) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0;
if (built < sources) {
  console.log('Membangun widget / Building the widgets…');
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

// The layering rules, read off the import statements of every source file:
// - the data layer (server/db/) knows no feature: it imports only itself and the top-level server/*.ts files;
// - features talk through queries modules or the shared middleware in server/http.ts, never through another
//   feature's routes: a *.routes.ts file is imported only by server/app.ts, which mounts it, and by server/api/,
//   which describes it;
// - widgets take only types from the server (`import type`), so no server code reaches a browser bundle, bar
//   pure data: a server module that imports nothing at run time (the kinds' and statuses' words, words.ts;
//   the members' channel and tier codes, codes.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Import {
  /** The importing file, relative to the project root. */
  from: string;
  /** The imported file, relative to the project root (only imports of the project's own files are kept). */
  to: string;
  typeOnly: boolean;
}

function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

const statement = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(statement)]
    .filter((match) => match[3]!.startsWith('.'))
    .map((match) => ({
      from: file,
      to: relative(root, resolve(root, dirname(file), match[3]!)),
      typeOnly: match[2] !== undefined,
    }));
}

const serverImports = sources('server').flatMap(importsOf);
const widgetImports = sources('widgets').flatMap(importsOf);

/** The folder under server/ a file belongs to ('' for the top-level files). */
const folderOf = (path: string) => {
  const parts = path.split('/');
  return parts.length > 2 ? parts[1]! : '';
};

const show = (imports: Import[]) => imports.map(({ from, to }) => `${from} -> ${to}`);

describe('architecture', () => {
  it('reads the imports it checks', () => {
    // A parser that found nothing would pass every rule below.
    expect(serverImports.length).toBeGreaterThan(100);
    expect(serverImports).toContainEqual({ from: 'server/app.ts', to: 'server/errors.ts', typeOnly: false });
    expect(widgetImports.some((i) => i.to.startsWith('server/'))).toBe(true);
  });

  it('keeps the data layer free of features', () => {
    const breaks = serverImports.filter(
      (i) => folderOf(i.from) === 'db' && i.to.startsWith('server/') && !['db', ''].includes(folderOf(i.to)),
    );
    expect(show(breaks)).toEqual([]);
  });

  it('lets no feature import another feature’s routes', () => {
    const breaks = serverImports.filter(
      (i) =>
        i.to.endsWith('.routes.ts') &&
        i.from !== 'server/app.ts' &&
        folderOf(i.from) !== 'api' &&
        folderOf(i.from) !== folderOf(i.to),
    );
    expect(show(breaks)).toEqual([]);
  });

  it('gives the widgets only the server’s types and pure data', () => {
    const data = widgetImports.filter((i) => i.to.startsWith('server/') && !i.typeOnly);
    // Pure data: every import of the module (a package's too) is type-only, so bundling it brings no code along.
    const runsImports = (file: string) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(statement)].some((match) => match[2] === undefined);
    const breaks = data.filter((i) => runsImports(i.to));
    expect(show(breaks)).toEqual([]);
    expect(new Set(data.map((i) => i.to))).toEqual(new Set(['server/feedback/words.ts', 'server/members/codes.ts']));
  });
});

// What a page downloads to show a survey with each competitor, measured from the installed packages.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export interface Competitor {
  name: string;
  files: { file: string; gzip: number }[];
  total: number;
  /** False when part of what a page loads is not in any installed package: the figure is then not comparable. */
  complete: boolean;
  note: string;
}

const version = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;

function measure(root: string, name: string, paths: string[], complete: boolean, note: string): Competitor {
  const files = paths.map((path) => {
    if (!existsSync(path)) throw new Error(`${name}: ${path} is missing (is the package installed?)`);
    return { file: relative(root, path), gzip: gzipBytes(path) };
  });
  return { name, files, total: files.reduce((sum, f) => sum + f.gzip, 0), complete, note };
}

/**
 * @formbricks/js 5 is a 4 KB loader: setup() adds `<appUrl>/js/formbricks.umd.cjs` (the js-core SDK),
 * which adds `<appUrl>/js/surveys.umd.cjs` (the Preact survey runtime) to show a survey. Both are served
 * by the Formbricks app, not shipped in @formbricks/js. The runtime's npm package is @formbricks/surveys
 * (its UMD build is what surveys.umd.cjs is); js-core is not published on npm, so even with the runtime
 * installed the figure is a lower bound.
 */
export function formbricks(root: string): Competitor {
  const js = join(root, 'node_modules/@formbricks/js');
  const surveys = join(root, 'node_modules/@formbricks/surveys');
  const loader = join(js, 'dist/index.js');
  if (!existsSync(join(surveys, 'package.json'))) {
    return measure(
      root,
      `@formbricks/js ${version(js)} (loader only)`,
      [loader],
      false,
      'survey runtime (surveys.umd.cjs) is not in any installed package: add @formbricks/surveys as a dev dependency; not used in the ratio',
    );
  }
  return measure(
    root,
    `@formbricks/js ${version(js)} + @formbricks/surveys ${version(surveys)}`,
    [loader, join(surveys, 'dist/index.umd.js')],
    true,
    'lower bound: js-core (formbricks.umd.cjs) is not on npm and is not counted; the date-question chunk is not counted',
  );
}

/**
 * @typeform/embed declares no browser/module/unpkg/jsdelivr field; its README has pages load
 * build/embed.js (the script that sets window.tf). The form itself then runs in an iframe from
 * Typeform's servers, which is not counted: only the JS the host page loads.
 */
export function typeform(root: string): Competitor {
  const dir = join(root, 'node_modules/@typeform/embed');
  return measure(
    root,
    `@typeform/embed ${version(dir)} (embed.js)`,
    [join(dir, 'build/embed.js')],
    true,
    'host-page JS only: the CSS file and the form iframe are not counted',
  );
}

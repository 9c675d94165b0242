// Gzip sizes of the built widgets (DESIGN.md 7: loader + Lit + one widget <= 10 KB on first paint,
// a second widget adds <= 2 KB). Reads dist/widgets as `vite build` leaves it. First paint counts
// the loader and every chunk the poll's chunk imports statically; what it imports dynamically is
// reported apart: the answering code (after paint) and the English strings (English pages only).
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface WidgetSizes {
  /** dist/widgets/slims-crm.js */
  loader: number;
  /** The shared chunk (chunks/base-*.js): Lit's core plus the survey element every widget extends. */
  lit: number;
  /** Everything <slims-poll> imports statically, the shared chunk excepted. */
  poll: number;
  /** The same for <slims-survey>. */
  survey: number;
  /** loader + shared chunk + poll: what a page with one poll downloads before the poll can paint. */
  firstPaintTotal: number;
  /** What <slims-survey> costs on a page that already shows a poll. */
  secondWidgetAdds: number;
  /** Code loaded right after the first paint, before a visitor can answer (respond-*.js and its imports). */
  afterPaint: number;
  /** firstPaintTotal + afterPaint: everything before a visitor can vote. */
  toInteractive: number;
  /** The English strings (i18n-en-*.js), which only an English page loads, alongside the survey. */
  english: number;
  /** firstPaintTotal + english: the first paint of an English page. */
  firstPaintEnglish: number;
  /** loader + shared chunk + <slims-suggestion-box>'s static imports: a page with only the suggestion box. */
  suggestionBoxFirstPaint: number;
  /** What the suggestion box adds to a page that already shows a poll. */
  suggestionBoxAddsToPoll: number;
  /** The proof-of-work solver (pow-*.js and what it imports beyond the box), loaded at the first input. */
  proofOfWork: number;
  /** loader + shared chunk + <slims-feedback-board>'s static imports. */
  boardFirstPaint: number;
  /** What the board adds to a page that already shows the suggestion box. */
  boardAddsToSuggestionBox: number;
  /** loader + shared chunk + <slims-interest-profile>'s static imports: a member's profile page. */
  interestProfileFirstPaint: number;
  /** What the interest profile adds to a page that already shows the suggestion box (a member's OPAC page). */
  interestProfileAddsToSuggestionBox: number;
}

const gz = (code: Buffer): number => gzipSync(code, { level: 9 }).length;

export async function measureWidgetSizes(distDir: string): Promise<WidgetSizes> {
  const files = new Map<string, Buffer>();
  const read = async (file: string): Promise<Buffer> => {
    if (!files.has(file)) files.set(file, await readFile(join(distDir, file)));
    return files.get(file)!;
  };
  const imports = (code: Buffer, from: string, re: RegExp): string[] =>
    [...code.toString('utf8').matchAll(re)].map((m) => relative(distDir, join(distDir, dirname(from), m[1]!)));
  /** The file and everything it imports statically. */
  const closure = async (file: string, seen = new Set<string>()): Promise<Set<string>> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const dep of imports(await read(file), file, /(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g))
      await closure(dep, seen);
    return seen;
  };
  const size = async (set: Iterable<string>): Promise<number> => {
    let total = 0;
    for (const f of set) total += gz(await read(f));
    return total;
  };

  const loaderFile = 'slims-crm.js';
  const loader = await read(loaderFile);
  const lazy = imports(loader, loaderFile, /import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g);
  const find = (prefix: string): string => {
    const file = lazy.find((f) => f.startsWith(`chunks/${prefix}-`));
    if (!file) throw new Error(`no ${prefix} chunk imported by ${loaderFile}`);
    return file;
  };
  const pollSet = await closure(find('slims-poll'));
  const surveySet = await closure(find('slims-survey'));
  const litFile = [...pollSet].find((f) => f.startsWith('chunks/base-'));
  if (!litFile) throw new Error('no shared base chunk');
  const without = (set: Set<string>, drop: Set<string>): string[] => [...set].filter((f) => !drop.has(f));
  const after = new Set<string>();
  const english = new Set<string>();
  for (const f of pollSet) {
    for (const dep of imports(await read(f), f, /import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
      // blocked.ts comes only after a request failed (is the sidecar down, or refusing this site?)
      if (dep.startsWith('chunks/blocked-')) continue;
      await closure(dep, dep.startsWith('chunks/i18n-en-') ? english : after);
    }
  }
  if (!english.size) throw new Error('no English chunk imported by the poll');

  const boxSet = await closure(find('slims-suggestion-box'));
  const boardSet = await closure(find('slims-feedback-board'));
  const profileSet = await closure(find('slims-interest-profile'));
  const powSet = new Set<string>();
  for (const f of boxSet) {
    for (const dep of imports(await read(f), f, /import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
      if (dep.startsWith('chunks/pow-')) await closure(dep, powSet);
    }
  }
  if (!powSet.size) throw new Error('no proof-of-work chunk imported by the suggestion box');

  const lit = gz(await read(litFile));
  const poll = await size(without(pollSet, new Set([litFile])));
  const firstPaintTotal = gz(loader) + lit + poll;
  const afterPaint = await size(without(after, pollSet));
  const englishAdds = await size(without(english, pollSet));
  return {
    loader: gz(loader),
    lit,
    poll,
    survey: await size(without(surveySet, new Set([litFile]))),
    firstPaintTotal,
    secondWidgetAdds: await size(without(surveySet, pollSet)),
    afterPaint,
    toInteractive: firstPaintTotal + afterPaint,
    english: englishAdds,
    firstPaintEnglish: firstPaintTotal + englishAdds,
    suggestionBoxFirstPaint: gz(loader) + (await size(boxSet)),
    suggestionBoxAddsToPoll: await size(without(boxSet, pollSet)),
    proofOfWork: await size(without(powSet, boxSet)),
    boardFirstPaint: gz(loader) + (await size(boardSet)),
    boardAddsToSuggestionBox: await size(without(boardSet, boxSet)),
    interestProfileFirstPaint: gz(loader) + (await size(profileSet)),
    interestProfileAddsToSuggestionBox: await size(without(profileSet, boxSet)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? 'dist/widgets';
  console.table(await measureWidgetSizes(dir));
}

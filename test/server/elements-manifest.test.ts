// custom-elements.json as `npm run build` leaves it in dist/widgets: every public element is in it with the
// attributes it really observes, its events, and the parts and custom properties its code draws with,
// each read here from the widgets' source (nothing runs in a browser), and the sidecar serves it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { FEEDBACK_STATUSES } from '../../server/feedback/words.ts';
import { PUBLIC_ELEMENTS } from '../helpers/elements.ts';
import { prepareDatabase, testClock, testConfig, testSecret } from '../helpers/app.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const manifestFile = join(root, 'dist/widgets/custom-elements.json');

interface Described {
  name: string;
  description?: string;
  inheritedFrom?: { name: string };
  privacy?: string;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  summary?: string;
  superclass?: { name: string };
  attributes?: (Described & { fieldName?: string })[];
  members?: Described[];
  events?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string }[] }[];
}

const source = (file: string): string => readFileSync(join(root, file), 'utf8');
const sorted = (names: Iterable<string>): string[] => [...new Set(names)].sort();
const names = (items: Described[] | undefined): string[] => sorted((items ?? []).map((i) => i.name));

/**
 * The attributes a class observes, by Lit's rule: each property of `static properties` on the class and
 * the classes it extends (a subclass's declaration replaces its base's), unless it is state or
 * `attribute: false`, under its `attribute` name or else its name in lower case.
 */
function observedAttributes(file: string, className: string): string[] {
  const byProperty = new Map<string, string | null>();
  const chain: { file: string; className: string }[] = [];
  for (let at: { file: string; className: string } | null = { file, className }; at;) {
    chain.unshift(at);
    const tree = ts.createSourceFile(at.file, source(at.file), ts.ScriptTarget.Latest, true);
    const klass = tree.statements.find(
      (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === at!.className,
    );
    if (!klass) throw new Error(`${at.className} is not declared in ${at.file}`);
    const base = klass.heritageClauses?.[0]?.types[0]?.expression.getText(tree);
    const from = tree.statements
      .filter(ts.isImportDeclaration)
      .find((i) => i.importClause?.getText(tree).includes(base ?? '\0'));
    const specifier = from && (from.moduleSpecifier as ts.StringLiteral).text;
    at =
      base && specifier?.startsWith('.')
        ? { file: relative(root, join(root, dirname(at.file), specifier)), className: base }
        : null;
  }
  for (const at of chain) {
    const tree = ts.createSourceFile(at.file, source(at.file), ts.ScriptTarget.Latest, true);
    const klass = tree.statements.find(
      (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === at.className,
    )!;
    const properties = klass.members.find(
      (m): m is ts.PropertyDeclaration =>
        ts.isPropertyDeclaration(m) && m.name.getText(tree) === 'properties' && !!m.initializer,
    )?.initializer;
    if (!properties || !ts.isObjectLiteralExpression(properties)) continue;
    for (const property of properties.properties) {
      if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer)) continue;
      const name = property.name.getText(tree);
      const options = property.initializer;
      const option = (key: string): ts.Expression | undefined =>
        options.properties.find(
          (o): o is ts.PropertyAssignment => ts.isPropertyAssignment(o) && o.name.getText(tree) === key,
        )?.initializer;
      const attribute = option('attribute');
      const off = option('state')?.kind === ts.SyntaxKind.TrueKeyword || attribute?.kind === ts.SyntaxKind.FalseKeyword;
      byProperty.set(
        name,
        off ? null : attribute && ts.isStringLiteral(attribute) ? attribute.text : name.toLowerCase(),
      );
    }
  }
  return sorted([...byProperty.values()].filter((a): a is string => a !== null));
}

/** The element's module and every module of ours it imports, statically or on demand. */
function modulesOf(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, specifier] of source(file).matchAll(/(?:from|import\()\s*'(\.[^']+\.ts)'/g))
    modulesOf(relative(root, join(root, dirname(file), specifier!)), seen);
  return seen;
}

/** The source without its doc comments, which name parts and properties without drawing them. */
const code = (file: string): string => source(file).replace(/\/\*\*[^]*?\*\//g, '');

/** Every part a template in these modules gives (`part="a b"`, `part=${x ? 'a' : 'b'}`, `status-${status}`). */
function partsIn(files: Iterable<string>): string[] {
  const parts: string[] = [];
  for (const file of files) {
    for (const [, literal, expression] of code(file).matchAll(/\spart=(?:"([^"]*)"|\$\{([^}]*)\})/g)) {
      const tokens = literal ?? [...expression!.matchAll(/'([^']*)'/g)].map((m) => m[1]).join(' ');
      for (const token of tokens.split(/\s+/).filter(Boolean))
        parts.push(...(token === 'status-${status}' ? FEEDBACK_STATUSES.map((s) => `status-${s}`) : [token]));
    }
  }
  return sorted(parts);
}

const cssPropertiesIn = (files: Iterable<string>): string[] =>
  sorted([...files].flatMap((file) => [...code(file).matchAll(/var\((--slims-[a-z-]+)/g)].map((m) => m[1]!)));

/** The slims-* events our code declares with their details (events.ts and the elements' additions to it). */
const declaredEvents = sorted(
  [...modulesOf('widgets/index.ts')].flatMap((file) =>
    [
      ...(/interface SlimsEventDetail \{([^]*?)\n\s*\}/.exec(source(file))?.[1] ?? '').matchAll(/'(slims-[a-z-]+)':/g),
    ].map((m) => m[1]!),
  ),
);

describe('custom-elements.json', () => {
  if (!existsSync(manifestFile))
    throw new Error('dist/widgets/custom-elements.json is missing: run npm run build first');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const declarations = manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => ({ module: m.path, ...d })));
  const element = (tag: string) => {
    const found = declarations.find((d) => d.tagName === tag);
    if (!found) throw new Error(`${tag} is not in the manifest`);
    return found;
  };

  it('declares the six public elements and nothing of the staff app', () => {
    expect(sorted(declarations.flatMap((d) => d.tagName ?? []))).toEqual(sorted(PUBLIC_ELEMENTS.map((e) => e.tag)));
    expect(readFileSync(manifestFile, 'utf8')).not.toContain('slims-crm-admin');
    for (const { tag, module } of PUBLIC_ELEMENTS) {
      const { name } = element(tag);
      expect(element(tag).module).toBe(module);
      expect(element(tag).summary, tag).toBeTruthy();
      // as a customElements.define call would have put it (ours goes through define())
      expect(manifest.modules.find((m) => m.path === module)?.exports).toContainEqual(
        expect.objectContaining({ kind: 'custom-element-definition', name: tag, declaration: { name, module } }),
      );
    }
  });

  for (const { tag, module, attributes, events } of PUBLIC_ELEMENTS) {
    describe(tag, () => {
      const drawnWith = modulesOf(module);

      it('lists the attributes it documents and observes, with what each does', () => {
        const declared = element(tag);
        expect(names(declared.attributes)).toEqual(sorted(attributes));
        expect(names(declared.attributes)).toEqual(observedAttributes(module, declared.name));
        for (const a of declared.attributes ?? []) expect(a.description, `${tag} ${a.name}`).toBeTruthy();
      });

      it('lists its events, each declared with its detail and described', () => {
        const declared = element(tag);
        expect(names(declared.events)).toEqual(sorted(events));
        for (const e of declared.events ?? []) {
          expect(declaredEvents).toContain(e.name);
          expect(e.description, `${tag} ${e.name}`).toBeTruthy();
        }
      });

      it('lists every part and custom property its code draws with', () => {
        const declared = element(tag);
        expect(names(declared.cssParts)).toEqual(partsIn(drawnWith));
        expect(names(declared.cssProperties)).toEqual(cssPropertiesIn(drawnWith));
        for (const p of [...(declared.cssParts ?? []), ...(declared.cssProperties ?? [])])
          expect(p.description, `${tag} ${p.name}`).toBeTruthy();
      });

      it('shows what it inherits from the base element, and none of its internals', () => {
        const declared = element(tag);
        // the render guard's fallback, from CrmElement
        for (const part of ['container', 'status'])
          expect(declared.cssParts?.find((p) => p.name === part)?.inheritedFrom?.name, part).toBe('CrmElement');
        expect(declared.cssProperties?.find((p) => p.name === '--slims-accent')?.inheritedFrom?.name).toBe(
          'CrmElement',
        );
        const internals = [...(declared.members ?? []), ...(declared.attributes ?? [])].filter(
          (m) => m.name.startsWith('_') || m.privacy === 'private',
        );
        expect(internals).toEqual([]);
      });
    });
  }

  it('gives poll and survey what SurveyElement has, under their own slug attribute', () => {
    for (const tag of ['slims-poll', 'slims-survey']) {
      const declared = element(tag);
      expect(declared.superclass?.name).toBe('SurveyElement');
      for (const name of ['api', 'lang'])
        expect(declared.attributes?.find((a) => a.name === name)?.inheritedFrom?.name, `${tag} ${name}`).toBe(
          'SurveyElement',
        );
      expect(declared.attributes?.find((a) => a.fieldName === 'slug')?.name).toBe(tag.replace('slims-', ''));
    }
  });

  it('is served by the sidecar beside the widgets, as JSON', async () => {
    const handle = await openDatabase({ url: null, sqliteFile: ':memory:' });
    try {
      await prepareDatabase(handle);
      const app = createApp({
        db: handle.db,
        config: testConfig(),
        secret: testSecret(),
        clock: testClock(),
        log: () => {},
        widgetsDir: dirname(manifestFile),
      });
      const res = await app.request('/widgets/custom-elements.json');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await res.json()).toEqual(manifest);
    } finally {
      await handle.close();
    }
  });
});

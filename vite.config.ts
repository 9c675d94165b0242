// Build of the browser code: the widget loader and the staff app, sharing Lit through one chunk.
import { defineConfig, transformWithEsbuild, type Plugin } from 'vite';

// Our modules: the loader and the public widgets (the staff app in widgets/admin/ is left as it is).
const ourModule =
  /\/widgets\/(shared|poll|survey|member-signin|suggestion-box|feedback-board|interest-profile)\/|\/widgets\/index\.ts$/;

// Our source loses its indentation before bundling: its only multi-line strings are html`` and
// css`` templates, where a run of whitespace means the same as one character. Our css`` templates
// (no interpolations in them) also lose comments, whitespace around punctuation, the quotes around
// plain attribute values and the zero before a decimal point. The rules assume no selector puts a
// space before a pseudo-class (`a :hover`), which the styles avoid.
const squeezeTemplates: Plugin = {
  name: 'slims-squeeze-templates',
  apply: 'build',
  transform(code, id) {
    if (!ourModule.test(id)) return null;
    return code.replace(/\n\s+/g, '\n').replace(/css`([^`$]*)`/g, (_, text: string) => {
      const squeezed = text
        .replace(/\/\*[^]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/ ?([{};,>]) ?/g, '$1')
        .replace(/: /g, ':')
        .replace(/;}/g, '}')
        .replace(/\[([\w-]+)='([\w-]+)'\]/g, '[$1=$2]')
        .replace(/([\s:(,-])0\./g, '$1.');
      return `css\`${squeezed.trim()}\``;
    });
  },
};

// Lit's three core modules each end by offering hooks to code we never load: the Shady DOM polyfill (for browsers
// without Shadow DOM, below our es2021 target), server-side-rendering hydration (we render in the browser only)
// and a registry of loaded Lit versions (read only by Lit's development build, to warn of two copies). Reading
// those globals as undefined lets the bundler drop the calls: ~130 bytes off every first paint. A Lit release
// that renames them fails the build here, so the rule is looked at again rather than silently doing nothing.
const litHooks = /\b[\w$]+\.(?:litHtml|litElement|reactiveElement)(?:Polyfill|Hydrate)Support\b/g;
const litVersions = /\([\w$]+\.(?:litHtml|litElement|reactiveElement)Versions\?\?=\[\]\)\.push\("[^"]*"\)/g;
const litCoreModule =
  /node_modules\/(lit-html\/lit-html|lit-element\/lit-element|@lit\/reactive-element\/reactive-element)\.js$/;
const dropLitHooks: Plugin = {
  name: 'slims-drop-lit-hooks',
  apply: 'build',
  transform(code, id) {
    if (!litCoreModule.test(id)) return null;
    if (!code.match(litHooks) || !code.match(litVersions)) {
      this.error(`${id}: Lit's polyfill/hydration hooks or version registry not found; see dropLitHooks`);
    }
    return { code: code.replace(litHooks, 'undefined').replace(litVersions, 'void 0'), map: null };
  },
};

// Library mode leaves ES output unminified (to keep annotations for downstream bundlers); we ship
// these files as they are, so minify each chunk once it is rendered. In chunks with our code,
// members named `_x` (internal by convention: never an attribute, event or JSON field; Lit's own
// are `_$x`) become one letter, the same in every chunk through one mangle cache. Short names seen
// anywhere in the bundle are reserved first: ours live on the same instances as Lit's members,
// which Lit's own minifier already shortened (`this.l`, `this.C`). A spread (`[...J]`, an imported
// binding) is no member: reserving its name would let any widget's imports reshuffle the shared chunk's names.
const minifyChunks: Plugin = {
  name: 'slims-minify-chunks',
  apply: 'build',
  enforce: 'post',
  async generateBundle(_options, bundle) {
    const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
    const mangleCache: Record<string, string | false> = {};
    for (const file of chunks) {
      for (const [, name] of file.code.matchAll(/(?<!\.)\.([A-Za-z_$][\w$]?)\b/g))
        mangleCache[`reserved ${name}`] = name!;
    }
    for (const file of chunks) {
      const ours = file.moduleIds.some((id) => ourModule.test(id));
      const out = await transformWithEsbuild(file.code, file.fileName, {
        minify: true,
        target: 'es2021',
        format: 'esm',
        legalComments: 'none',
        sourcemap: false,
        ...(ours ? { mangleProps: /^_[a-z]/i, mangleCache } : {}),
      });
      if (ours) Object.assign(mangleCache, out.mangleCache);
      file.code = out.code;
    }
  },
};

// custom-elements.json beside the widgets, from which editors offer webmasters our tags, attributes and
// events: the analyzer reads the elements' JSDoc as custom-elements-manifest.config.mjs says. Emitted
// into the bundle, so every build has it (npm start's and npm run dev's too) and emptyOutDir keeps it.
const elementsManifest: Plugin = {
  name: 'slims-elements-manifest',
  apply: 'build',
  async generateBundle() {
    // The analyzer's own command line (`cem analyze`), run in-process; it ships no typings for it, so it
    // is named in a variable (TypeScript then leaves the import untyped) and given its shape here.
    const analyzer = '@custom-elements-manifest/analyzer/cli.js';
    const { cli } = (await import(analyzer)) as {
      cli: (options: { argv: string[]; cwd: string; noWrite: boolean }) => Promise<unknown>;
    };
    const manifest = await cli({ argv: ['analyze'], cwd: import.meta.dirname, noWrite: true });
    this.emitFile({
      type: 'asset',
      fileName: 'custom-elements.json',
      source: `${JSON.stringify(manifest, null, 2)}\n`,
    });
  },
};

export default defineConfig({
  publicDir: false,
  plugins: [dropLitHooks, squeezeTemplates, minifyChunks, elementsManifest],
  build: {
    outDir: 'dist/widgets',
    emptyOutDir: true,
    target: 'es2021',
    minify: 'esbuild',
    sourcemap: false,
    modulePreload: false,
    // Library mode because an app build wraps every dynamic import in Vite's preload helper
    // (about 1 KB in the loader, even with modulePreload off); we have no HTML and no CSS files.
    lib: {
      entry: {
        'slims-crm': 'widgets/index.ts',
        'slims-crm-admin': 'widgets/admin/index.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'chunks/[name]-[hash][extname]',
        // One chunk for what every widget needs to draw: Lit's core, the survey element and its
        // first-paint helpers (one file compresses better than two, and is one request fewer).
        // The staff app imports Lit from it too, so it carries the element's few KB as well;
        // directives stay with their users, so the staff app's (repeat, …) never ride along on a
        // public page, and nothing of widgets/admin is in it.
        // The kinds' and statuses' words (server/feedback/words.ts) ride with what the box and the board share,
        // not in a chunk of their own for the staff app's sake, which imports them too.
        manualChunks: (id) =>
          /\/widgets\/shared\/feedback\.ts$|\/server\/feedback\/words\.ts$/.test(id)
            ? 'feedback'
            : /node_modules\/(lit\/index|lit-html\/(lit-html|is-server)|lit-element\/lit-element|@lit\/reactive-element\/(reactive-element|css-tag))\.js$|\/widgets\/shared\/(crm-element|define|global|api|events|i18n|questions|styles|survey-element)\.ts$/.test(
                  id,
                )
              ? 'base'
              : undefined,
      },
    },
  },
});

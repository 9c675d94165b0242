// What `cem analyze` (the Custom Elements Manifest analyzer) reads to write dist/widgets/custom-elements.json,
// from which editors offer webmasters our tags, attributes and events. Only the public elements and the
// classes they extend: the staff app (<slims-crm-admin>) is placed by the SLiMS plugin, never by a webmaster.

/** Members named `_x` are internal (never an attribute, event or JSON field; the build renames them). */
const internal = (name) => name?.startsWith('_');

/**
 * What the analyzer cannot see in our source, fixed once every module is read. It runs after the
 * analyzer's own passes, so inherited attributes and members are already on each element.
 *
 * @type {import('@custom-elements-manifest/analyzer').Plugin}
 */
const publicApi = {
  name: 'slims-public-api',
  packageLinkPhase({ customElementsManifest }) {
    // The files come in the file system's order: sorted, every checkout builds the same manifest.
    customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const module of customElementsManifest.modules) {
      // The modules' other exports (helpers, test hooks) are our own code's, not the elements' API.
      module.declarations = (module.declarations ?? []).filter((d) => d.kind === 'class');
      for (const element of module.declarations) {
        // Lit's internal state (`_x: { state: true }`) is no attribute, though the analyzer lists it as one.
        element.attributes = element.attributes?.filter((a) => !internal(a.name) && !internal(a.fieldName));
        element.members = element.members?.filter((m) => !internal(m.name) && m.privacy !== 'private');
        // A subclass that declares a property again gives it another attribute: the base's is gone
        // (slims-poll observes `poll`, not SurveyElement's `slug`).
        const own = new Set(element.attributes?.filter((a) => !a.inheritedFrom).map((a) => a.fieldName));
        element.attributes = element.attributes?.filter((a) => !a.inheritedFrom || !own.has(a.fieldName));
      }
      // define() (the guarded registration) hides customElements.define from the analyzer: record the
      // definition each `@tag` stands for, as the call would have.
      module.exports = [
        ...(module.exports ?? []).filter((e) => module.declarations.some((d) => d.name === e.declaration?.name)),
        ...module.declarations
          .filter((d) => d.tagName)
          .map((d) => ({
            kind: 'custom-element-definition',
            name: d.tagName,
            declaration: { name: d.name, module: module.path },
          })),
      ];
    }
  },
};

export default {
  globs: ['widgets/shared/crm-element.ts', 'widgets/shared/survey-element.ts', 'widgets/*/slims-*.ts'],
  exclude: ['widgets/admin/**'],
  outdir: 'dist/widgets',
  litelement: true,
  // package.json names the manifest itself ("customElements"); the analyzer would rewrite the file.
  packagejson: false,
  quiet: true,
  plugins: [publicApi],
};

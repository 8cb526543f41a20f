// The build of the `yaml` package the bundles use, relative to the repository root: its ES
// module build, whose exports esbuild links directly (scripts/build.mjs). The benchmarks'
// bare parse uses the same one: the CommonJS build a plain require() gets is slower.
export const YAML_BUILD = 'node_modules/yaml/browser/index.js';

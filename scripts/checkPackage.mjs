// Fails when the .vsix would ship anything but the extension and server bundles, schemas,
// syntaxes, docs, README, CHANGELOG, LICENSE and the icon (no sources, tests, maps,
// dependencies or the CLI bundle, which is the npm package's).
import { execFileSync } from 'node:child_process';

const files = execFileSync('npx', ['vsce', 'ls', '--no-dependencies'], { encoding: 'utf8' })
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);
const allowed =
  /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|client\/images\/icon\.png|client\/out\/extension\.js|server\/out\/(?:server|languageServer)\.js|schemas\/[\w.-]+\.json|syntaxes\/[\w.-]+\.json|docs\/[\w/.-]+\.md)$/;
const bad = files.filter((f) => !allowed.test(f));
if (bad.length) {
  console.error(`The package would ship files it must not:\n  ${bad.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `package contents OK: ${files.length} files, only bundles, schemas, syntaxes, docs, README, CHANGELOG, LICENSE and the icon`,
);

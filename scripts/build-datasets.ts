/**
 * `npm run datasets:build`: builds public/datasets/ (committed) from ../shared/data. This is the only code that
 * reads the shared data folder; the app and the tests read the bundles. Options: --shared DIR, --out DIR.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { initRDKit } from '../src/chem/rdkit';
import { encodeBundle, type BundleInput } from '../src/data/bundleWrite';
import { buildProteins } from './datasets/proteins';
import { buildTox21 } from './datasets/tox21';
import { buildZinc } from './datasets/zinc';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : fallback;
};
const shared = option('--shared', resolve(root, '../shared/data'));
const out = option('--out', join(root, 'public/datasets'));

function write(input: BundleInput): void {
  const started = performance.now();
  const { manifest, data } = encodeBundle(input);
  const compressed = gzipSync(data, { level: 9 });
  writeFileSync(join(out, manifest.data.file), compressed);
  writeFileSync(join(out, `${manifest.name}.json`), JSON.stringify(manifest, null, 1) + '\n');
  const counts = Object.entries(manifest.splits).map(([name, s]) => `${name} ${s.graphs}`);
  console.log(
    `${manifest.name}: ${counts.join(', ')}; rejected ${manifest.rejected.length}; ` +
      `${(data.length / 1e6).toFixed(2)} MB -> ${(compressed.length / 1e6).toFixed(2)} MB gzip ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s to encode)`,
  );
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  await initRDKit();
  const read = (...path: string[]) => readFileSync(join(shared, ...path), 'utf8');
  write(buildZinc(read('zinc', 'zinc12k_graphs.json'), read('zinc', 'zinc12k.csv')));
  write(await buildTox21(read('tox21', 'tox21.csv')));
  const tuDir = join(shared, 'proteins-tu');
  const tuFiles = new Map(
    readdirSync(tuDir)
      .filter((f) => /^PROTEINS_.*\.txt$/.test(f))
      .map((f) => [f, readFileSync(join(tuDir, f), 'utf8')]),
  );
  write(buildProteins(tuFiles));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

/**
 * MODELS.md's "Robustness attack" section, from the `cli attack` results kept beside the checkpoints
 * (public/models/<id>/attack.json, docs/METHOD.md §11). scripts/models-report.ts appends it when it rewrites MODELS.md;
 * `npx tsx scripts/attackReport.ts` replaces just this section in the current MODELS.md (no rescans).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const MODELS = 'public/models';
export const ATTACK_HEADING = '## Robustness attack';

interface AttackJson {
  dataset: string;
  split: string;
  graphs: number;
  backend: string;
  maxEpochs: number;
  seed: number;
  seconds: number;
  results: {
    sigma: number;
    lossRandom: number;
    lossOptimised: number;
    gain: number;
    epochs: number;
    stopReason: string;
    finalLr: number;
    maShare?: { threshold: number; random: number[]; optimised: number[] };
  }[];
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export async function attackSection(): Promise<string> {
  const ids = (await readdir(MODELS, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && existsSync(join(MODELS, d.name, 'attack.json')))
    .map((d) => d.name)
    .sort();
  if (ids.length === 0) return '';
  const rows: string[] = [];
  const limits = new Set<number>();
  for (const id of ids) {
    const run = JSON.parse(await readFile(join(MODELS, id, 'attack.json'), 'utf8')) as AttackJson;
    limits.add(run.maxEpochs);
    for (const r of run.results) {
      const ma = r.maShare
        ? `${pct(Math.max(...r.maShare.random))} → ${pct(Math.max(...r.maShare.optimised))} (> ${r.maShare.threshold})`
        : '–';
      rows.push(
        [
          id,
          `${run.split} (${run.graphs})`,
          r.sigma,
          r.lossRandom.toFixed(5),
          r.lossOptimised.toFixed(5),
          `${(100 * r.gain).toFixed(2)}%`,
          `${r.epochs} of ≤ ${run.maxEpochs} (${r.stopReason}, lr ${r.finalLr.toExponential(1)})`,
          ma,
          `${(run.seconds / 60).toFixed(0)} min (${run.backend}), seed ${run.seed}`,
        ].join(' | '),
      );
    }
  }
  return `
${ATTACK_HEADING}

The paper's adversarial experiment (docs/METHOD.md §11): the frozen model in eval mode, noise of std σ on the
input node and edge embeddings (one shared pattern each, rescaled to std σ), the loss with a random pattern and
after Adam ascent on the pattern, GAIN = L_opt / L_rand − 1. Losses are BCE (TOX21) or L1 (ZINC), mean over the
split's batches of 128. **Epoch limit: ${[...limits].sort((x, y) => x - y).join(' or ')} epochs** of ascent per σ (per
row in the "ascent epochs" column), not the paper's up to 1000 epochs until lr < 1e-6: short ascents, whose GAIN the
full schedule would most likely exceed. The last column but one is the
largest share over layers of edges whose ratio exceeds the threshold, under the random → the optimised noise.
Made with \`npm run cli -- attack --model public/models/<id> --dataset D --split val --sigma 0.01,0.0316,0.1
--max-epochs N --ma-threshold T --json public/models/<id>/attack.json\`.

| checkpoint | split (graphs) | σ | L_rand | L_opt | GAIN | ascent epochs | MA edges, random → optimised | time |
|---|---|---|---|---|---|---|---|---|
${rows.map((r) => `| ${r} |`).join('\n')}
`;
}

/** Replaces (or appends) the section in MODELS.md. */
async function spliceIntoModelsMd(): Promise<void> {
  const text = await readFile('MODELS.md', 'utf8');
  const section = (await attackSection()).trim();
  const start = text.indexOf(ATTACK_HEADING);
  let next = start < 0 ? -1 : text.indexOf('\n## ', start + ATTACK_HEADING.length);
  if (start >= 0 && next < 0) next = text.length;
  const updated =
    start < 0
      ? `${text.trimEnd()}\n\n${section}\n`
      : `${text.slice(0, start)}${section}\n${next < text.length ? text.slice(next) : ''}`;
  await writeFile('MODELS.md', updated.replace(/\n{3,}/g, '\n\n'));
  console.error('MODELS.md: robustness attack section written');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await spliceIntoModelsMd();

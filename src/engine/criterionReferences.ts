/**
 * The criterion reference of a model (criterion.ts): what base-tail and attention-top compare a molecule with.
 * A shipped checkpoint's comes from the recorded scans (its own and its base checkpoint's), so nothing is
 * scanned; another model (a base preset, a model trained or opened in this session) is measured once on its
 * dataset's test split, where base-tail needs the model to be a base model itself (its own fits).
 */
import type { CriterionReference } from '../ma/criterion';
import type { DatasetLibrary } from './datasetLibrary';
import type { ModelCatalog } from './modelCatalog';
import type { ModelRegistry } from './models';
import { baseScanOf, referenceFromRecorded } from './recordedScans';
import { scanSplit } from './scan';
import { recordSplit } from './splitRecord';

export class CriterionReferences {
  private kept = new Map<string, Promise<CriterionReference>>();

  constructor(
    private readonly registry: ModelRegistry,
    private readonly catalog: ModelCatalog,
    private readonly library: DatasetLibrary,
  ) {}

  of(entryId: string): Promise<CriterionReference> {
    let reference = this.kept.get(entryId);
    if (!reference) {
      reference = this.compute(entryId);
      reference.catch(() => this.kept.delete(entryId));
      this.kept.set(entryId, reference);
    }
    return reference;
  }

  private async compute(entryId: string): Promise<CriterionReference> {
    const entry = (await this.entryOf(entryId)) ?? null;
    if (!entry) throw new Error(`no model "${entryId}" in the catalogue`);
    const scans = await this.catalog.recordedScans(entry.dataset);
    const own = scans.find((s) => s.entryId === entryId);
    if (own?.scan.layers[0]?.attentionQuantiles) return referenceFromRecorded(own.scan, baseScanOf(scans, own));
    const data = await this.library.load(entry.dataset);
    const model = this.registry.model(await this.catalog.open(entryId));
    const graphs = data.splits.test;
    const record = await recordSplit(model, graphs, data.spec);
    const fits =
      entry.state === 'base'
        ? (await scanSplit(model, graphs, data.spec)).layers.map((l) =>
            l.distribution.fitConverged ? l.distribution.gamma : null,
          )
        : null;
    return {
      source: `measured on the test split in this session${fits ? '' : ' (no base fit: base-tail needs a shipped checkpoint or a base model)'}`,
      edges: record.edges,
      layers: record.layers.map((l, i) => ({
        baseFit: fits?.[i] ?? null,
        attentionMedians: l.attentionMedians,
        attentionQuantiles: l.attentionQuantiles,
      })),
    };
  }

  private async entryOf(entryId: string) {
    for (const dataset of ['zinc', 'tox21', 'proteins'] as const) {
      const found = (await this.catalog.entries(dataset)).find((e) => e.id === entryId);
      if (found) return found;
    }
    return undefined;
  }
}

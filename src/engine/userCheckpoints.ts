/**
 * A checkpoint the person saved earlier (the training panel's model.json and weights.bin, or a run folder from the
 * CLI), opened again: validated like every checkpoint (zod schema, weight names, shapes and byte count), loaded into
 * the registry and offered in the model picker for this session. Anything wrong is said in words; nothing is kept.
 */
import type { UserFile } from '../data/userFile';
import { parseModelJson } from '../gnn/checkpoint';
import type { ModelEntry } from './explorerTypes';
import { describeConfig, modelName, type ModelCatalog } from './modelCatalog';
import type { ModelRegistry } from './models';
import { pickCheckpointFiles } from './checkpointUpload';

export class UserCheckpoints {
  private count = 0;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly catalog: ModelCatalog,
  ) {}

  /** Loads the checkpoint and returns its model-picker entry (id `file:<n>`). */
  open(files: readonly UserFile[]): ModelEntry {
    const { json, weights } = pickCheckpointFiles(files);
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(new TextDecoder().decode(json.bytes));
    } catch (error) {
      throw new Error(`${json.name} is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const modelJson = parseModelJson(parsedJson, json.name);
    const { buffer, byteOffset, byteLength } = weights.bytes;
    const modelId = this.registry.load(modelJson, buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
    const { config, training } = modelJson;
    const n = ++this.count;
    const { epochs, variant } = training;
    const entry: ModelEntry = {
      id: `file:${n}`,
      label: `${modelName(config)} · from ${json.name}, ${variant === 'base' ? 'untrained' : `${epochs} epochs`} (#${n})`,
      detail: `opened from ${json.name} and ${weights.name}: ${describeConfig(config)}; not kept after a reload`,
      dataset: config.dataset,
      model: config.model,
      state: variant,
      layers: config.layers,
      heads: config.heads,
      hidden: config.hidden,
    };
    this.catalog.addSessionModel(entry, modelId, parsedJson);
    return entry;
  }
}

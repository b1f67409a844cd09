/**
 * A checkpoint the person opens: the training panel's model.json and weights.bin, a run folder from the CLI, or a
 * PyTorch file saved by the paper's code (.pt/.pth/.pkl, mapped by src/gnn/torch). Validated like every checkpoint
 * (zod schema, weight names, shapes and byte count), loaded into the registry and offered in the model picker.
 * Anything wrong is said in words; nothing is kept. The page may keep the files (IndexedDB) and open them again
 * after a reload under the same id (`file:<id>`).
 */
import type { UserFile } from '../data/userFile';
import { parseModelJson, type ModelJson } from '../gnn/checkpoint';
import type { DatasetName, ModelKind } from '../gnn/config';
import { importTorchStateDict } from '../gnn/torch/importTorch';
import { readTorchStateDict } from '../gnn/torch/ptReader';
import type { ModelEntry } from './explorerTypes';
import { describeConfig, modelName, variantFlags, type ModelCatalog } from './modelCatalog';
import type { ModelRegistry } from './models';
import { pickCheckpointFiles } from './checkpointUpload';

/** What the shapes of a PyTorch file cannot tell (each inferred or taken from the paper's config when left out). */
export interface OpenCheckpointOptions {
  model?: ModelKind;
  dataset?: DatasetName;
  heads?: number;
  /** The id the page keeps the files under: the entry is then `file:<keptId>` in this and later sessions. */
  keptId?: string;
  /** What the picker calls it (the kept item's name); the file's name otherwise. */
  name?: string;
}

const toArrayBuffer = (bytes: Uint8Array) =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

export class UserCheckpoints {
  private count = 0;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly catalog: ModelCatalog,
  ) {}

  /** Loads the checkpoint and returns its model-picker entry (id `file:<keptId>`, or `file:<n>`). */
  open(files: readonly UserFile[], options: OpenCheckpointOptions = {}): ModelEntry {
    const kept = options.keptId ? this.catalog.sessionEntry(`file:${options.keptId}`) : undefined;
    if (kept) return kept;
    const picked = pickCheckpointFiles(files);
    const { modelJson, weights, from, notes } =
      picked.kind === 'torch' ? this.readTorch(picked.file, options) : this.readFolder(picked.json, picked.weights);
    const entryId = options.keptId ? `file:${options.keptId}` : `file:${++this.count}`;
    const modelId = this.registry.load(modelJson, weights);
    const { config, training } = modelJson;
    const { epochs, variant } = training;
    const trained = picked.kind === 'torch' ? 'from PyTorch' : variant === 'base' ? 'untrained' : `${epochs} epochs`;
    const entry: ModelEntry = {
      id: entryId,
      label: `${modelName(config)} · from ${options.name ?? (picked.kind === 'torch' ? picked.file.name : picked.json.name)}, ${trained}`,
      detail: `opened from ${from}: ${describeConfig(config)}${notes.length ? `; ${notes.join('; ')}` : ''}`,
      dataset: config.dataset,
      model: config.model,
      state: variant,
      layers: config.layers,
      heads: config.heads,
      hidden: config.hidden,
      ...variantFlags(config),
    };
    // The weights are kept so the model can be loaded again if the GPU device it lives on is lost.
    this.catalog.addSessionModel(entry, modelId, modelJson, () => this.registry.load(modelJson, weights));
    return entry;
  }

  private readFolder(json: UserFile, weights: UserFile) {
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(new TextDecoder().decode(json.bytes));
    } catch (error) {
      throw new Error(`${json.name} is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const modelJson: ModelJson = parseModelJson(parsedJson, json.name);
    return { modelJson, weights: toArrayBuffer(weights.bytes), from: `${json.name} and ${weights.name}`, notes: [] };
  }

  private readTorch(file: UserFile, options: OpenCheckpointOptions) {
    const state = readTorchStateDict(file.bytes, file.name);
    const { model, dataset, heads } = options;
    const imported = importTorchStateDict(state, { file: file.name, model, dataset, heads });
    return { modelJson: imported.modelJson, weights: imported.weights, from: file.name, notes: imported.notes };
  }
}

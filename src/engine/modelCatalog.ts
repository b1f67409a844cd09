/**
 * The models the explorer offers for a dataset: the checkpoints the app serves (`models/index.json`, see
 * src/gnn/modelIndex.ts), trained ones first, and base (untrained) models made in the engine from the small
 * presets with the paper's seed. Entries are opened lazily into the engine's ModelRegistry, once each.
 */
import { MODEL_KINDS, preset, type DatasetName, type ModelConfig, type ModelKind } from '../gnn/config';
import { parseModelIndex, type ModelIndexEntry } from '../gnn/modelIndex';
import type { ModelEntry } from './explorerTypes';
import type { ModelRegistry } from './models';
import { recordedScanSchema, type RecordedScan } from './recordedScans';
import { recordedAttackSchema, type RecordedAttack } from './attackTypes';

export const BASE_SEED = 41;
const KIND_NAMES: Record<ModelKind, string> = { gt: 'GT', san: 'SAN', graphit: 'GraphiT' };

/**
 * A model's short name for labels: "GT", "SAN + EBT", "SAN + EBT (paper form)", "GT NoEdge", "GT + global node",
 * "GT (random bond types)".
 */
export const modelName = (
  config: Pick<ModelConfig, 'model' | 'ebt'> &
    Partial<Pick<ModelConfig, 'ebtForm' | 'noEdge' | 'globalNode' | 'randomBondTypes'>>,
) =>
  `${KIND_NAMES[config.model]}${config.noEdge ? ' NoEdge' : ''}${config.ebt ? ' + EBT' : ''}` +
  `${config.ebtForm === 'paper' ? ' (paper form)' : ''}${config.globalNode ? ' + global node' : ''}` +
  `${config.randomBondTypes ? ' (random bond types)' : ''}`;

/** Where checkpoints come from (HTTP in the worker). `index` resolves to null when there is no index. */
export interface CheckpointSource {
  index(): Promise<unknown | null>;
  modelJson(folder: string): Promise<unknown>;
  weights(folder: string): Promise<ArrayBuffer>;
  /** The checkpoint's recorded scan (scan.json), or null when it has none. */
  scan?(folder: string): Promise<unknown | null>;
  /** The checkpoint's recorded robustness attack (attack.json), or null when it has none. */
  attack?(folder: string): Promise<unknown | null>;
}

interface CatalogItem {
  entry: ModelEntry;
  open: () => Promise<string> | string;
  /** Folder of a served checkpoint. */
  path?: string;
  /** The model.json of a checkpoint the person opened (its training record). */
  modelJson?: unknown;
}

/** The family a trained model's base must share (see ModelEntry.family): NoEdge and global-node GT have their own. */
export const familyOf = (config: Pick<ModelConfig, 'model'> & Partial<Pick<ModelConfig, 'noEdge' | 'globalNode'>>) =>
  `${config.model}${config.noEdge ? '-noedge' : ''}${config.globalNode ? '-global' : ''}`;

/** The paper's controls beyond the base/trained/EBT grid, listed after it and never chosen as the first view. */
export const isExperiment = (
  config: Partial<Pick<ModelConfig, 'noEdge' | 'globalNode' | 'randomBondTypes' | 'ebtForm'>>,
) => Boolean(config.noEdge || config.globalNode || config.randomBondTypes || config.ebtForm === 'paper');

/**
 * The entry fields that tell a variant apart from the plain models, for every source of entries (served, opened or
 * trained in the session): its family, whether it is an experiment, NoEdge, paper-form EBT.
 */
export const variantFlags = (
  config: ModelConfig,
): Pick<ModelEntry, 'family' | 'experiment' | 'noEdge' | 'ebtForm'> => ({
  family: familyOf(config),
  ...(isExperiment(config) && { experiment: true }),
  ...(config.noEdge && { noEdge: true }),
  ...(config.ebtForm === 'paper' && { ebtForm: 'paper' as const }),
});

export function describeConfig(config: ModelConfig): string {
  const ebt = config.ebt ? (config.ebtForm === 'paper' ? ', EBT (paper form)' : ', EBT') : '';
  const variant = config.noEdge
    ? ', no edge features in attention'
    : config.globalNode
      ? ', trained with a virtual global node (bond types 4, 5)'
      : config.randomBondTypes
        ? ', trained on random bond types'
        : '';
  return `${config.layers} layers, ${config.heads} heads, ${config.hidden} hidden${ebt}${variant}`;
}

function baseItem(registry: ModelRegistry, dataset: DatasetName, kind: ModelKind): CatalogItem {
  const name = `small-${kind}-${dataset}`;
  const config = preset(name, { seed: BASE_SEED });
  return {
    entry: {
      id: `base:${name}`,
      label: `${KIND_NAMES[kind]} small · untrained`,
      detail: `preset ${name}: ${describeConfig(config)}; random weights (seed ${BASE_SEED}), not trained`,
      dataset,
      model: kind,
      state: 'base',
      layers: config.layers,
      heads: config.heads,
      hidden: config.hidden,
    },
    open: () => registry.create(config),
  };
}

export class ModelCatalog {
  private opened = new Map<string, Promise<string>>();
  private checkpoints: Promise<Map<string, CatalogItem>> | null = null;
  /** Models trained in this session (training panel), listed first; gone when the engine is. */
  private session = new Map<string, CatalogItem>();

  constructor(
    private readonly registry: ModelRegistry,
    private readonly source: CheckpointSource | null = null,
  ) {}

  async entries(dataset: DatasetName): Promise<ModelEntry[]> {
    const trained = [...(await this.checkpointItems()).values()].filter((item) => item.entry.dataset === dataset);
    const session = [...this.session.values()].filter((item) => item.entry.dataset === dataset);
    return [
      ...session.map((s) => s.entry),
      ...trained.map((t) => t.entry),
      ...MODEL_KINDS.map((kind) => baseItem(this.registry, dataset, kind).entry),
    ];
  }

  /** The registry id of an entry's model, creating or loading it on first use. */
  open(entryId: string): Promise<string> {
    let modelId = this.opened.get(entryId);
    if (!modelId) {
      modelId = this.find(entryId).then((item) => item.open());
      modelId.catch(() => this.opened.delete(entryId));
      this.opened.set(entryId, modelId);
    }
    return modelId;
  }

  /**
   * Offers a model already in the registry (trained or opened in this session) under `entry.id`. `reopen` loads it
   * again after the registry was emptied (a lost GPU device); without it the entry says it must be made again.
   */
  addSessionModel(entry: ModelEntry, modelId: string, modelJson?: unknown, reopen?: () => string): void {
    let current: string | null = modelId;
    const open = () => {
      if (current !== null) return current;
      if (!reopen) throw new Error(`"${entry.label}" was lost with the GPU device; train or open it again`);
      return (current = reopen());
    };
    this.session.set(entry.id, { entry, open, modelJson });
    this.forgetters.push(() => (current = null));
  }

  /** The entry of a model offered this session (trained or opened), if any. */
  sessionEntry(entryId: string): ModelEntry | undefined {
    return this.session.get(entryId)?.entry;
  }

  /** Stops offering a session model; returns its registry id so that the caller can dispose it. */
  async removeSessionModel(entryId: string): Promise<string | null> {
    const item = this.session.get(entryId);
    if (!item) return null;
    this.session.delete(entryId);
    this.opened.delete(entryId);
    return item.open();
  }

  /** Forgets every opened model (the registry was emptied): each entry opens its model again on next use. */
  forgetOpened(): void {
    this.opened.clear();
    this.forgetters.forEach((forget) => forget());
  }

  private forgetters: (() => void)[] = [];

  /** The model.json of a served or opened checkpoint entry (its training record), or null for other entries. */
  async checkpointModelJson(entryId: string): Promise<unknown | null> {
    const opened = this.session.get(entryId)?.modelJson;
    if (opened !== undefined) return opened;
    const item = entryId.startsWith('ckpt:') ? (await this.checkpointItems()).get(entryId) : undefined;
    return item && this.source ? this.source.modelJson(item.path!) : null;
  }

  /** The recorded scans (scan.json) of the served checkpoints for a dataset; those missing or invalid are left out. */
  async recordedScans(dataset: DatasetName): Promise<RecordedScan[]> {
    const items = [...(await this.checkpointItems()).values()].filter((item) => item.entry.dataset === dataset);
    const read = async (item: CatalogItem): Promise<RecordedScan | null> => {
      const json = await this.source?.scan?.(item.path!).catch(() => null);
      const parsed = recordedScanSchema.safeParse(json);
      if (!parsed.success) return null;
      const { id: entryId, model, state, family, experiment } = item.entry;
      return { entryId, model, state, family, experiment, scan: parsed.data };
    };
    return (await Promise.all(items.map(read))).filter((s): s is RecordedScan => s !== null);
  }

  /** A served checkpoint's recorded attack (attack.json); null for other entries and when missing or invalid. */
  async recordedAttack(entryId: string): Promise<RecordedAttack | null> {
    const item = entryId.startsWith('ckpt:') ? (await this.checkpointItems()).get(entryId) : undefined;
    if (!item || !this.source?.attack) return null;
    const parsed = recordedAttackSchema.safeParse(await this.source.attack(item.path!).catch(() => null));
    if (!parsed.success) return null;
    const { split, graphs, maxEpochs, results } = parsed.data;
    return { entryId, label: item.entry.label, split, graphs, maxEpochs, results };
  }

  private async find(entryId: string): Promise<CatalogItem> {
    const session = this.session.get(entryId);
    if (session) return session;
    const base = /^base:small-(gt|san|graphit)-(zinc|tox21|proteins)$/.exec(entryId);
    if (base) return baseItem(this.registry, base[2] as DatasetName, base[1] as ModelKind);
    const item = (await this.checkpointItems()).get(entryId);
    if (!item) throw new Error(`no model "${entryId}" in the catalogue`);
    return item;
  }

  private checkpointItems(): Promise<Map<string, CatalogItem>> {
    this.checkpoints ??= this.readIndex().catch((error: unknown) => {
      console.warn(`models/index.json was not used: ${error instanceof Error ? error.message : String(error)}`);
      return new Map();
    });
    return this.checkpoints;
  }

  private async readIndex(): Promise<Map<string, CatalogItem>> {
    const items = new Map<string, CatalogItem>();
    const json = this.source ? await this.source.index() : null;
    if (json === null) return items;
    const source = this.source!;
    const entries = parseModelIndex(json).models;
    // Trained before EBT before base; within a variant, the paper's order (GT, SAN, GraphiT), so GT is the default;
    // the experiments after the grid.
    const variantRank = { trained: 0, ebt: 1, base: 2 } as const;
    const order = (e: ModelIndexEntry) =>
      (isExperiment(e.config) ? 9 : 0) + variantRank[e.variant] * 3 + MODEL_KINDS.indexOf(e.config.model);
    for (const listed of [...entries].sort((a, b) => order(a) - order(b))) {
      const id = `ckpt:${listed.id}`;
      items.set(id, {
        entry: checkpointEntry(id, listed),
        path: listed.path,
        open: async () => this.registry.load(await source.modelJson(listed.path), await source.weights(listed.path)),
      });
    }
    return items;
  }
}

function checkpointEntry(id: string, listed: ModelIndexEntry): ModelEntry {
  const { config } = listed;
  const name = modelName(config);
  const label =
    listed.variant === 'base' ? `${name} · untrained checkpoint` : `${name} · trained ${listed.epochs} epochs`;
  const recorded = Object.entries(listed.metrics.test ?? {}).filter(
    (pair): pair is [string, number] => pair[0] !== 'loss' && typeof pair[1] === 'number',
  );
  const metrics = recorded.map(([key, value]) => `test ${key} ${value.toPrecision(3)}`);
  return {
    id,
    label,
    detail: [`checkpoint ${listed.id}: ${describeConfig(config)}`, ...metrics].join('; '),
    dataset: config.dataset,
    model: config.model,
    state: listed.variant,
    layers: config.layers,
    heads: config.heads,
    hidden: config.hidden,
    ...(listed.variant !== 'base' && recorded.length > 0 && { testMetrics: Object.fromEntries(recorded) }),
    ...variantFlags(config),
  };
}

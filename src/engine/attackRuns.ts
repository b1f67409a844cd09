/**
 * The attack panel's runs (docs/METHOD.md §11): the robustness attack of src/explain/attack.ts on one or two
 * catalogue models over the first graphs of a bundled split, one run at a time, with progress per epoch and a cancel
 * that stops after the current batch. Also the results recorded beside shipped checkpoints (attack.json).
 */
import { attack, PAPER_SIGMAS } from '../explain/attack';
import type { DatasetLibrary } from './datasetLibrary';
import type { ModelCatalog } from './modelCatalog';
import type { ModelRegistry } from './models';
import type { AttackModelResult, AttackRequest, AttackRunProgress, AttackRunResult } from './attackTypes';

export const ATTACK_DEFAULTS = { maxEpochs: 5, limit: 256, seed: 41 } as const;
/** The paper's validation loader. */
const BATCH_SIZE = 128;

export class AttackRuns {
  private running = false;
  private stopRequested = false;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly catalog: ModelCatalog,
    private readonly library: DatasetLibrary,
  ) {}

  cancel(): void {
    if (this.running) this.stopRequested = true;
  }

  recorded(entryId: string) {
    return this.catalog.recordedAttack(entryId);
  }

  async run(
    request: AttackRequest,
    backend: string,
    onProgress: (progress: AttackRunProgress) => void = () => {},
  ): Promise<AttackRunResult> {
    if (this.running) throw new Error('an attack is already running; cancel it or wait for it to end');
    const { sigmas, maxEpochs, limit, seed } = checkRequest(request);
    this.running = true;
    this.stopRequested = false;
    const started = performance.now();
    try {
      const data = await this.library.load(request.dataset);
      const graphs = data.splits[request.split].slice(0, limit);
      const entries = await this.catalog.entries(request.dataset);
      const models: AttackModelResult[] = [];
      for (const [index, entryId] of request.models.entries()) {
        const entry = entries.find((e) => e.id === entryId);
        if (!entry) throw new Error(`no model "${entryId}" for ${request.dataset}`);
        const where = { model: index, models: request.models.length, modelEntry: entryId, sigmas: sigmas.length };
        onProgress({ ...where, sigmaIndex: 0, sigma: sigmas[0], epoch: 0, maxEpochs, loss: null, lr: null });
        const model = this.registry.model(await this.catalog.open(entryId));
        const results = await attack(model, graphs, data.spec, {
          sigmas,
          maxEpochs,
          seed,
          batchSize: BATCH_SIZE,
          maThreshold: request.maThreshold,
          onEpoch: (p) => onProgress({ ...where, ...p, maxEpochs }),
          shouldStop: () => this.stopRequested,
        });
        models.push({ modelEntry: entryId, label: entry.label, results });
        if (this.stopRequested) break;
      }
      return {
        dataset: request.dataset,
        split: request.split,
        graphs: graphs.length,
        maxEpochs,
        seed,
        cancelled: this.stopRequested,
        models,
        backend,
        seconds: (performance.now() - started) / 1000,
      };
    } finally {
      this.running = false;
      this.stopRequested = false;
    }
  }
}

function checkRequest(request: AttackRequest) {
  const { sigmas = [...PAPER_SIGMAS], maxEpochs = ATTACK_DEFAULTS.maxEpochs } = request;
  const { limit = ATTACK_DEFAULTS.limit, seed = ATTACK_DEFAULTS.seed, maThreshold } = request;
  if (request.models.length < 1 || request.models.length > 2)
    throw new RangeError('the attack compares one or two models');
  if (sigmas.length < 1 || sigmas.length > 16 || !sigmas.every((s) => Number.isFinite(s) && s > 0 && s <= 100))
    throw new RangeError(`σ must be 1 to 16 numbers greater than 0 and at most 100 (got ${sigmas.join(', ')})`);
  if (!(Number.isInteger(maxEpochs) && maxEpochs >= 0 && maxEpochs <= 1000))
    throw new RangeError(`ascent epochs must be a whole number from 0 to 1000 (got ${maxEpochs})`);
  if (!(Number.isInteger(limit) && limit >= 1))
    throw new RangeError(`the number of molecules must be a whole number of at least 1 (got ${limit})`);
  if (!(Number.isInteger(seed) && seed >= 0)) throw new RangeError(`the seed must be a whole number ≥ 0 (got ${seed})`);
  if (maThreshold !== undefined && !(Number.isFinite(maThreshold) && maThreshold >= 1))
    throw new RangeError(`the MA threshold must be a number of at least 1 (got ${maThreshold})`);
  return { sigmas, maxEpochs, limit, seed };
}

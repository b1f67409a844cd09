/**
 * A training run's MA trajectory from its per-epoch records (record.maHistory, engine/trainingMaStats.ts): when some
 * layer's largest per-graph ratio first passed the threshold, its peak over the run, and where it ended. MODELS.md
 * (scripts/models-report.ts) and the training panel's chart both say it.
 */

/** One epoch's record, as much of it as the trajectory reads. */
export interface EpochMaxima {
  epoch: number;
  /** Per layer, its largest per-graph ratio (null when no graph has a defined one). */
  layers: { maxRatio: number | null }[];
}

/** Where the largest per-graph ratio of some layer stood over a run's epochs. */
export interface MaTrajectory {
  /** The first epoch where some layer's largest ratio passed `threshold`, and that layer (1-based); null if never. */
  firstAbove: { epoch: number; layer: number } | null;
  /** The largest ratio over all epochs and layers, where it was (the first such epoch). */
  peak: { ratio: number; epoch: number; layer: number };
  /** The largest ratio over layers at the last epoch, and its layer. */
  end: { ratio: number; epoch: number; layer: number };
}

/** A run's MA trajectory from its per-epoch records (null for none); layers are 1-based. */
export function maTrajectory(history: readonly EpochMaxima[], threshold = 1000): MaTrajectory | null {
  if (history.length === 0) return null;
  const ratioOf = (l: { maxRatio: number | null }) => l.maxRatio ?? 0;
  const largest = (m: EpochMaxima) =>
    m.layers.reduce((best, l, i) => (ratioOf(l) > best.ratio ? { ratio: ratioOf(l), layer: i + 1 } : best), {
      ratio: 0,
      layer: 1,
    });
  let peak = { ratio: 0, epoch: history[0].epoch, layer: 1 };
  let firstAbove: MaTrajectory['firstAbove'] = null;
  for (const m of history) {
    const top = largest(m);
    if (top.ratio > peak.ratio) peak = { ...top, epoch: m.epoch };
    if (!firstAbove && top.ratio > threshold)
      firstAbove = { epoch: m.epoch, layer: m.layers.findIndex((l) => ratioOf(l) > threshold) + 1 };
  }
  const last = history[history.length - 1];
  return { firstAbove, peak, end: { ...largest(last), epoch: last.epoch } };
}

/**
 * What the attack panel draws: one series per model and source (this session's run, or the checkpoint's recorded
 * attack.json), each with its colour, so the chart, the table and the MA-share bars agree on who is who.
 */
import { format } from 'd3';
import type { AttackResult, AttackRunResult, RecordedAttack } from '../../engine/api';

export interface AttackSeries {
  key: string;
  modelEntry: string;
  label: string;
  source: 'run' | 'recorded';
  /** "this run, 5 ascent epochs, 256 val molecules" or "recorded, 5 ascent epochs, 780 val molecules". */
  note: string;
  color: string;
  dashed: boolean;
  results: AttackResult[];
}

/** "GT + EBT" of "GT + EBT · trained 20 epochs": the line's own label in the chart. */
export const shortLabel = (s: Pick<AttackSeries, 'label' | 'source'>) =>
  `${s.label.split(' · ')[0]}${s.source === 'recorded' ? ' (rec.)' : ''}`;

const COLORS = ['#3b4a6b', '#d0602a', '#2e7d5b', '#8a4fb0'];

export const formatGain = format('+.2~%');
/** Shares from 54% down to 0.0022%: two significant digits. */
export const formatShare = format('.2~p');
export const formatLoss = format('.5f');

const note = (source: string, maxEpochs: number, graphs: number, split: string) =>
  `${source}, ${maxEpochs} ascent epoch${maxEpochs === 1 ? '' : 's'}, ${graphs} ${split} molecules`;

export function attackSeries(
  pair: readonly string[],
  run: AttackRunResult | null,
  recorded: Record<string, RecordedAttack | null>,
  labelOf: (entryId: string) => string,
): AttackSeries[] {
  const runModels = run?.models ?? [];
  const ids = [...new Set([...pair, ...runModels.map((m) => m.modelEntry)])];
  const colorOf = (id: string) => COLORS[ids.indexOf(id) % COLORS.length];
  const series: AttackSeries[] = [];
  for (const id of ids) {
    const own = runModels.find((m) => m.modelEntry === id);
    if (own && own.results.length)
      series.push({
        key: `run:${id}`,
        modelEntry: id,
        label: own.label,
        source: 'run',
        note: note(run!.cancelled ? 'this run (cancelled)' : 'this run', run!.maxEpochs, run!.graphs, run!.split),
        color: colorOf(id),
        dashed: false,
        results: own.results,
      });
    const kept = pair.includes(id) ? recorded[id] : null;
    if (kept)
      series.push({
        key: `recorded:${id}`,
        modelEntry: id,
        label: labelOf(id),
        source: 'recorded',
        note: note('recorded', kept.maxEpochs, kept.graphs, kept.split),
        color: colorOf(id),
        dashed: true,
        results: kept.results,
      });
  }
  return series;
}

/**
 * The robustness attack (docs/METHOD.md §11) in the dataset-analysis view: noise of std σ on the input embeddings,
 * random or with its pattern optimised (Adam ascent) to raise the loss, for two models side by side — by default the
 * current model and its EBT (or plain) twin. GAIN against σ, the numbers, and per layer what the optimised noise does
 * to the share of edges with an MA. Shipped checkpoints' recorded attacks show at once; a run goes on in the worker.
 */
import { useEffect, useState } from 'react';
import type { AttackRunProgress } from '../../engine/api';
import { ATTACK_SPLIT, attackPair, type AttackRunView } from '../../state/slices/attackSlice';
import { ChartLegend } from '../training/EpochChart';
import { useAppStore } from '../StoreContext';
import { AttackControls } from './AttackControls';
import { AttackTable } from './AttackTable';
import { attackSeries, formatLoss, type AttackSeries } from './attackSeries';
import { GainChart } from './GainChart';
import { MaShareChart } from './MaShareChart';

function progressShare(p: AttackRunProgress): number {
  const perModel = p.sigmas * Math.max(p.maxEpochs, 1);
  return Math.min(1, (p.model * perModel + p.sigmaIndex * Math.max(p.maxEpochs, 1) + p.epoch) / (p.models * perModel));
}

function progressText(p: AttackRunProgress | null, labelOf: (id: string) => string): string {
  if (!p) return 'Loading the dataset and the models…';
  const where = `Model ${p.model + 1} of ${p.models} (${labelOf(p.modelEntry)}), σ ${p.sigma} (${p.sigmaIndex + 1} of ${p.sigmas})`;
  if (p.epoch === 0 || p.loss === null) return `${where}: loss under random noise…`;
  return `${where}: ascent epoch ${p.epoch} of ${p.maxEpochs}, loss ${formatLoss(p.loss)}, lr ${p.lr?.toExponential(1)}`;
}

function RunStatus({ run, labelOf }: { run: AttackRunView; labelOf: (id: string) => string }) {
  if (run.status === 'running' || run.status === 'cancelling')
    return (
      <div
        className="attack-progress"
        role="status"
        data-testid="attack-progress"
        data-status={run.status}
        data-epoch={run.progress?.epoch ?? 0}
      >
        <p className="analysis-status">
          <span className="spinner" aria-hidden="true" />{' '}
          {run.status === 'cancelling' ? 'Stopping after this batch… ' : ''}
          {progressText(run.progress, labelOf)}
        </p>
        <span className="scan-step-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(100 * (run.progress ? progressShare(run.progress) : 0))}%` }} />
        </span>
      </div>
    );
  if (run.status === 'failed')
    return (
      <p className="field-error" role="alert" data-testid="attack-error">
        The attack failed: {run.error}
      </p>
    );
  const result = run.result!;
  return (
    <p className="analysis-status muted" data-testid="attack-status" data-status={run.status}>
      {run.status === 'cancelled' ? 'Cancelled: ' : 'Done: '}
      {result.models.length} model{result.models.length === 1 ? '' : 's'} on the first {result.graphs} {result.split}{' '}
      molecules, up to {result.maxEpochs} ascent epochs per σ, {result.seconds.toFixed(1)} s on {result.backend}.
      {run.status === 'cancelled' &&
        ' The σ that was running is measured after the epochs it had; later ones are left out.'}
    </p>
  );
}

function MaShares({ series }: { series: AttackSeries[] }) {
  const withShares = series.filter((s) => s.results.some((r) => r.maShare));
  const sigmas = [...new Set(withShares.flatMap((s) => s.results.filter((r) => r.maShare).map((r) => r.sigma)))].sort(
    (a, b) => a - b,
  );
  const [chosen, setChosen] = useState<number | null>(null);
  if (!withShares.length) return null;
  const sigma = chosen !== null && sigmas.includes(chosen) ? chosen : sigmas[sigmas.length - 1];
  return (
    <div className="attack-shares">
      <h4>
        What the optimised noise does to the MAs: share of edges with an MA (ratio above the threshold), per layer, at σ{' '}
        <select data-testid="attack-share-sigma" value={sigma} onChange={(e) => setChosen(Number(e.target.value))}>
          {sigmas.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </h4>
      <ChartLegend
        series={[
          { key: 'random', label: 'random noise', color: '#b8bfcc' },
          { key: 'optimised', label: 'optimised noise (model colour)', color: '#3b4a6b' },
        ]}
      />
      <div className="attack-share-grid">
        {withShares.map((s) => (
          <MaShareChart key={s.key} series={s} sigma={sigma} />
        ))}
      </div>
    </div>
  );
}

function AttackBody() {
  // two selectors: a new tuple on every call would re-render without end
  const first = useAppStore((s) => attackPair(s)?.[0] ?? null);
  const second = useAppStore((s) => attackPair(s)?.[1] ?? null);
  const run = useAppStore((s) => s.attackRun);
  const recorded = useAppStore((s) => s.recordedAttacks);
  const load = useAppStore((s) => s.loadRecordedAttack);
  const engineReady = useAppStore((s) => s.attackEngine !== null);
  const entries = useAppStore((s) => s.modelEntries);
  const labelOf = (id: string) => entries.find((e) => e.id === id)?.label ?? id;
  useEffect(() => {
    if (!engineReady) return;
    for (const id of [first, second]) if (id) void load(id);
  }, [first, second, engineReady, load]);
  const pair = first && second ? [first, second] : [];
  const series = attackSeries(pair, run?.result ?? null, recorded, labelOf);
  return (
    <>
      <p className="analysis-note muted">
        Noise of standard deviation σ on the input node and edge embeddings of the frozen model: a random pattern, then
        the pattern optimised by Adam ascent to raise the loss on the first molecules of the {ATTACK_SPLIT} split. GAIN
        = L_opt / L_rand − 1 (a larger GAIN, a less robust model). The paper ascends up to 1000 epochs per σ (until lr
        &lt; 1e-6); here a few, so GAINs are lower bounds. Runs in the background; Cancel stops after the current batch.
      </p>
      <AttackControls />
      {run && <RunStatus run={run} labelOf={labelOf} />}
      {series.length > 0 ? (
        <>
          <ChartLegend
            testId="attack-legend"
            series={series.map((s) => ({
              key: s.key,
              label: `${s.label} (${s.note})`,
              color: s.color,
              dashed: s.dashed,
            }))}
          />
          <div className="attack-grid">
            <GainChart series={series} />
            <AttackTable series={series} />
          </div>
          <MaShares series={series} />
        </>
      ) : (
        !run && (
          <p className="analysis-status muted" data-testid="attack-empty">
            No recorded attack for these models: run one.
          </p>
        )
      )}
    </>
  );
}

export function AttackPanel() {
  const open = useAppStore((s) => s.attackOpen);
  const setOpen = useAppStore((s) => s.setAttackOpen);
  return (
    <section className="attack-panel" aria-label="Robustness attack" data-testid="attack-panel" data-open={open}>
      <button
        type="button"
        className="attack-toggle"
        aria-expanded={open}
        data-testid="attack-toggle"
        onClick={() => setOpen(!open)}
      >
        {open ? '▾' : '▸'} Robustness attack: GAIN of optimised over random input noise, two models side by side
      </button>
      {open && <AttackBody />}
    </section>
  );
}

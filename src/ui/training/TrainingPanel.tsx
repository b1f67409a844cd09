/**
 * The training panel: pick a preset and press Train; the run goes on in the engine's worker while losses, the
 * validation metric and the MA ratio per layer grow epoch by epoch. Save the result as checkpoint files or use it
 * in the explorer. With a shipped trained checkpoint selected, its recorded training is shown too.
 */
import { useEffect, useState } from 'react';
import { selectModelEntry } from '../../state/selectors';
import { twinOf } from '../../state/slices/attackSlice';
import { isTrainingActive, type TrainingRunView } from '../../state/slices/trainingSlice';
import { useOverlay } from '../overlays';
import { useAppStore } from '../StoreContext';
import { downloadCheckpoint } from './downloadCheckpoint';
import { LossCharts, MaEpochChart } from './TrainingCharts';
import { DATASET_METRIC, formatSeconds } from './trainingFormat';
import { TrainingForm } from './TrainingForm';

function progressText(run: TrainingRunView): string {
  const done = run.records.length;
  const asked = run.request.epochs;
  switch (run.status) {
    case 'starting':
      return 'Loading the dataset and scanning the untrained model…';
    case 'running':
    case 'cancelling': {
      const where = run.batch
        ? `epoch ${run.batch.epoch} of ${asked} · batch ${run.batch.batch} of ${run.batchesPerEpoch}` +
          (run.batch.batch === run.batchesPerEpoch ? ', then validation and the MA scan' : '')
        : done === 0
          ? 'scanning the untrained model'
          : `epoch ${done} of ${asked} done`;
      return `${run.status === 'cancelling' ? 'Stopping after this batch: ' : 'Training: '}${where}`;
    }
    case 'done':
      return `Done: ${done} epochs in ${formatSeconds(run.elapsedSeconds ?? 0)} on ${run.backend}.`;
    case 'cancelled':
      return `Cancelled after ${done} of ${asked} epochs (${formatSeconds(run.elapsedSeconds ?? 0)} on ${run.backend}).`;
    case 'failed':
      return `Training failed: ${run.error}`;
  }
}

function RunActions({ run }: { run: TrainingRunView }) {
  const trainedCheckpoint = useAppStore((s) => s.trainedCheckpoint);
  const offerTrainedModel = useAppStore((s) => s.offerTrainedModel);
  const dataset = useAppStore((s) => s.datasetName);
  const [saveError, setSaveError] = useState<string | null>(null);
  const finished = run.runId !== null && (run.status === 'done' || run.status === 'cancelled');
  if (!finished) return null;
  const save = async () => {
    try {
      setSaveError(null);
      downloadCheckpoint(await trainedCheckpoint());
    } catch (error) {
      setSaveError(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div className="training-actions">
      <button type="button" data-testid="training-save" onClick={save}>
        Save checkpoint
      </button>
      <button
        type="button"
        data-testid="training-use"
        disabled={run.request.dataset !== dataset}
        onClick={() => void offerTrainedModel()}
      >
        {run.entryId ? 'In the model picker ✓' : 'Use in explorer'}
      </button>
      <p className="training-note muted">
        Save downloads <code>model.json</code> and <code>weights.bin</code>: drop both together on the file drop to open
        the model again after a reload, or put both in one folder for the CLI. Use in explorer adds it to the model
        picker for {run.request.dataset} until the page is reloaded (a shared link to it opens the default model). The
        run itself is kept in My data after every epoch: open it as a model, or resume it, after a reload.
      </p>
      {saveError && (
        <p className="notice-error" role="alert">
          Could not save: {saveError}
        </p>
      )}
    </div>
  );
}

function LiveRun({ run }: { run: TrainingRunView }) {
  const names = DATASET_METRIC[run.request.dataset];
  const range: [number, number] = [0, run.request.epochs];
  return (
    <section className="training-run" data-testid="training-run" data-status={run.status} data-run-id={run.runId ?? ''}>
      <p className="training-progress" data-testid="training-progress" aria-live="polite">
        {progressText(run)}
      </p>
      {run.config && (
        <p className="training-note muted">
          {run.request.preset}
          {run.request.ebt ? ' + EBT' : ''}: {run.config.layers} layers × {run.config.hidden} wide, {run.trainGraphs}{' '}
          training and {run.valGraphs} validation graphs, batch {run.config.training.batchSize}, Adam{' '}
          {run.config.training.initLr}.
        </p>
      )}
      <LossCharts
        records={run.records}
        epochRange={range}
        lossName={names.loss}
        metricName={names.metric}
        testIdPrefix="training-"
        batchLosses={run.batchLosses}
      />
      <h4>MA ratio per layer (largest per-graph max|s| / median|s|)</h4>
      <p className="training-note muted">
        Scan of the first {run.scanGraphs || run.request.scanGraphs} test graphs; epoch 0 is the untrained model.
      </p>
      <MaEpochChart maHistory={run.maHistory} epochRange={range} testId="training-ma-chart" />
      <RunActions run={run} />
    </section>
  );
}

function RecordedRun() {
  const entry = useAppStore(selectModelEntry);
  const recorded = useAppStore((s) => s.recordedTraining);
  const load = useAppStore((s) => s.loadRecordedTraining);
  const engineReady = useAppStore((s) => s.trainingEngine !== null);
  // Shipped checkpoints and ones the person opened carry their training record; base models have none.
  const shipped = /^(ckpt|file):/.test(entry?.id ?? '') && entry?.state !== 'base' ? entry : null;
  useEffect(() => {
    if (shipped && engineReady) void load(shipped.id);
  }, [shipped, engineReady, load]);
  // The same model trained the other way (plain vs EBT), overlaid on request.
  const twinId = shipped ? twinOf(shipped.id) : null;
  const twinEntry = useAppStore((s) => s.modelEntries.find((e) => e.id === twinId) ?? null);
  const [overlay, setOverlay] = useState(false);
  const twin = useAppStore((s) => s.twinTraining);
  const loadTwin = useAppStore((s) => s.loadTwinTraining);
  useEffect(() => {
    if (overlay && twinEntry && engineReady) void loadTwin(twinEntry.id);
  }, [overlay, twinEntry, engineReady, loadTwin]);
  if (!shipped || recorded?.entryId !== shipped.id || !recorded.value) return null;
  const { value } = recorded;
  const epochs = Math.max(...value.maHistory.map((m) => m.epoch), ...value.history.map((r) => r.epoch), 1);
  return (
    <section className="training-recorded" data-testid="training-recorded">
      <h3>How MAs emerged while training {shipped.label}</h3>
      <p className="training-note muted">
        Recorded when this checkpoint was trained (the CLI's <code>--scan-every</code>, or this panel): the largest
        ratio per layer on the test split, or its first graphs, after each epoch.
      </p>
      {twinEntry && (
        <label className="training-check training-twin">
          <input
            type="checkbox"
            data-testid="training-twin-toggle"
            checked={overlay}
            onChange={(e) => setOverlay(e.target.checked)}
          />{' '}
          overlay its {twinEntry.state === 'ebt' ? 'EBT' : 'plain'} twin ({twinEntry.label})
        </label>
      )}
      <MaEpochChart
        maHistory={value.maHistory}
        epochRange={[1, epochs]}
        testId="recorded-ma-chart"
        twin={
          overlay && twinEntry && twin?.entryId === twinEntry.id && twin.value
            ? { label: twinEntry.state === 'ebt' ? 'EBT twin' : 'plain twin', maHistory: twin.value.maHistory }
            : null
        }
      />
      {value.history.length > 0 && (
        <LossCharts
          records={value.history}
          epochRange={[1, epochs]}
          lossName={DATASET_METRIC[shipped.dataset].loss}
          metricName={value.metricName}
          testIdPrefix="recorded-"
        />
      )}
    </section>
  );
}

export function TrainingPanel() {
  const open = useAppStore((s) => s.openPanels.includes('training'));
  const setPanelOpen = useAppStore((s) => s.setPanelOpen);
  const run = useAppStore((s) => s.trainingRun);
  const start = useAppStore((s) => s.startTraining);
  const cancel = useAppStore((s) => s.cancelTraining);
  const engineReady = useAppStore((s) => s.engineStatus === 'ready' && s.trainingEngine !== null);
  const backend = useAppStore((s) => s.engineInfo?.name);
  // Docked beside the molecule, so a click on the molecule does not close it; Esc does.
  useOverlay(open, () => setPanelOpen('training', false));
  if (!open) return null;
  const active = isTrainingActive(run);
  return (
    <aside id="training-panel" className="training-panel" aria-label="Train a model" data-testid="training-panel">
      <div className="about-head">
        <h2>Train a model</h2>
        <button type="button" onClick={() => setPanelOpen('training', false)} aria-label="Close training">
          ×
        </button>
      </div>
      <TrainingForm />
      <p className="training-note muted" data-testid="training-quick-note">
        How long until MAs appear? In the shipped ZINC runs (paper configurations, 10,000 molecules) a layer’s largest
        ratio first passed 1000 after a few to a few dozen epochs, minutes to tens of minutes on two CPU cores; we know
        of no preset that shows MAs within two minutes on a laptop CPU. To watch them emerge now, pick a trained
        checkpoint in the model picker: its recorded run is drawn below, epoch by epoch, with the epoch where it first
        passed 1000.
      </p>
      <div className="training-buttons">
        <button
          type="button"
          className="primary"
          data-testid="training-start"
          disabled={active || !engineReady}
          onClick={() => void start()}
        >
          Train
        </button>
        <button
          type="button"
          data-testid="training-cancel"
          disabled={!active || run?.status === 'cancelling'}
          onClick={cancel}
        >
          Cancel
        </button>
        <span className="muted">
          in the worker on <strong>{backend ?? '…'}</strong>
        </span>
      </div>
      {run && <LiveRun run={run} />}
      <RecordedRun />
    </aside>
  );
}

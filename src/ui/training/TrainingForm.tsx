/** What to train: preset (small ones first), the open dataset, EBT, epochs, a subset and the MA scan size. */
import {
  isTrainingActive,
  TRAINING_FAMILIES,
  type TrainingFamily,
  type TrainingSettings,
} from '../../state/slices/trainingSlice';
import { useAppStore } from '../StoreContext';

const KIND_NAMES: Record<string, string> = { gt: 'GT', san: 'SAN', graphit: 'GraphiT' };
const familyLabel = (family: TrainingFamily) => {
  const [size, kind] = family.split('-');
  return `${KIND_NAMES[kind]} ${size}`;
};

/** A whole number input that reports only valid values (empty means null where allowed). */
function CountInput(props: {
  testId: string;
  label: string;
  value: number | null;
  min: number;
  max: number;
  allowEmpty?: boolean;
  placeholder?: string;
  onChange: (value: number | null) => void;
  disabled: boolean;
}) {
  return (
    <label className="field field-narrow">
      <span>{props.label}</span>
      <input
        data-testid={props.testId}
        type="number"
        min={props.min}
        max={props.max}
        step={1}
        placeholder={props.placeholder}
        disabled={props.disabled}
        defaultValue={props.value ?? ''}
        onChange={(e) => {
          const text = e.target.value.trim();
          if (text === '' && props.allowEmpty) return props.onChange(null);
          const n = Number(text);
          const valid = Number.isInteger(n) && n >= props.min && n <= props.max;
          e.target.setAttribute('aria-invalid', String(!valid));
          if (valid) props.onChange(n);
        }}
      />
    </label>
  );
}

export function TrainingForm() {
  const settings = useAppStore((s) => s.trainingSettings);
  const set = useAppStore((s) => s.setTrainingSettings);
  const dataset = useAppStore((s) => s.datasetName);
  const info = useAppStore((s) => s.datasetInfo);
  const busy = useAppStore((s) => isTrainingActive(s.trainingRun));
  const update = (change: Partial<TrainingSettings>) => set(change);
  const slow = settings.family.startsWith('paper-');
  const trainCount = info?.splits.train;
  return (
    <div className="training-form" data-testid="training-form">
      <label className="field">
        <span>Preset</span>
        <select
          data-testid="training-preset"
          value={settings.family}
          disabled={busy}
          onChange={(e) => update({ family: e.target.value as TrainingFamily })}
        >
          <optgroup label="Small: 4 layers, 64 wide (minutes)">
            {TRAINING_FAMILIES.filter((f) => f.startsWith('small-')).map((f) => (
              <option key={f} value={f}>
                {familyLabel(f)} · small-{f.split('-')[1]}-{dataset}
              </option>
            ))}
          </optgroup>
          <optgroup label="The paper's configs (slow without a GPU)">
            {TRAINING_FAMILIES.filter((f) => f.startsWith('paper-')).map((f) => (
              <option key={f} value={f}>
                {familyLabel(f)} · paper-{f.split('-')[1]}-{dataset}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <div className="field">
        <span>Dataset</span>
        <span className="training-dataset" data-testid="training-dataset">
          {info?.title ?? dataset} (the open one)
        </span>
      </div>
      <label className="field training-check">
        <input
          type="checkbox"
          data-testid="training-ebt"
          checked={settings.ebt}
          disabled={busy}
          onChange={(e) => update({ ebt: e.target.checked })}
        />
        <span title="Explicit Bias Term: learnable k, e and v biases per layer (the paper's countermeasure)">EBT</span>
      </label>
      <CountInput
        testId="training-epochs"
        label="Epochs"
        value={settings.epochs}
        min={1}
        max={1000}
        disabled={busy}
        onChange={(v) => update({ epochs: v ?? settings.epochs })}
      />
      <CountInput
        testId="training-subset"
        label="Graphs per split"
        value={settings.subset}
        min={1}
        max={1_000_000}
        allowEmpty
        placeholder={trainCount ? `all ${trainCount}` : 'all'}
        disabled={busy}
        onChange={(v) => update({ subset: v })}
      />
      <CountInput
        testId="training-scan"
        label="MA scan graphs"
        value={settings.scanGraphs}
        min={1}
        max={100_000}
        disabled={busy}
        onChange={(v) => update({ scanGraphs: v ?? settings.scanGraphs })}
      />
      <p className="training-note muted">
        Trains and validates on the first {settings.subset ?? 'all'} graphs of the train and validation splits (empty:
        all). After every epoch, and once before the first, the MA statistics are computed on a fixed subset: the first{' '}
        {settings.scanGraphs} graphs of the test split (only observed, never used to pick anything).
        {slow &&
          ' The paper configs are 10 layers deep: expect minutes per epoch on WebGPU and much longer without a GPU.'}
      </p>
    </div>
  );
}

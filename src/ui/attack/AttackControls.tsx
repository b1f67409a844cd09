/** The attack panel's settings: the two models, the noise levels, the ascent epochs, the molecules; Run and Cancel. */
import {
  ATTACK_EPOCH_CHOICES,
  ATTACK_LIMIT_CHOICES,
  ATTACK_SIGMAS,
  attackPair,
  isAttackActive,
} from '../../state/slices/attackSlice';
import { useAppStore } from '../StoreContext';

function ModelPicker({ index }: { index: 0 | 1 }) {
  const entries = useAppStore((s) => s.modelEntries);
  const chosen = useAppStore((s) => attackPair(s)?.[index] ?? '');
  const settings = useAppStore((s) => s.attackSettings);
  const setSettings = useAppStore((s) => s.setAttackSettings);
  const pick = (id: string) => {
    const models = [...settings.models] as typeof settings.models;
    models[index] = id;
    setSettings({ models });
  };
  return (
    <label className="field field-inline">
      <span>Model {index + 1}</span>
      <select data-testid={`attack-model-${index}`} value={chosen} onChange={(e) => pick(e.target.value)}>
        {entries.map((e) => (
          <option key={e.id} value={e.id}>
            {e.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AttackControls() {
  const settings = useAppStore((s) => s.attackSettings);
  const setSettings = useAppStore((s) => s.setAttackSettings);
  const start = useAppStore((s) => s.startAttack);
  const cancel = useAppStore((s) => s.cancelAttack);
  const run = useAppStore((s) => s.attackRun);
  const ready = useAppStore((s) => s.attackEngine !== null && s.engineStatus === 'ready' && attackPair(s) !== null);
  const splitSize = useAppStore((s) => s.datasetInfo?.splits.val ?? null);
  const active = isAttackActive(run);
  const toggleSigma = (sigma: number, on: boolean) =>
    setSettings({ sigmas: on ? [...settings.sigmas, sigma] : settings.sigmas.filter((s) => s !== sigma) });
  return (
    <div className="attack-controls">
      <ModelPicker index={0} />
      <ModelPicker index={1} />
      <fieldset className="attack-sigmas">
        <legend>σ</legend>
        {ATTACK_SIGMAS.map((sigma) => (
          <label key={sigma}>
            <input
              type="checkbox"
              data-testid={`attack-sigma-${sigma}`}
              checked={settings.sigmas.includes(sigma)}
              onChange={(e) => toggleSigma(sigma, e.target.checked)}
            />{' '}
            {sigma}
          </label>
        ))}
      </fieldset>
      <label className="field field-inline">
        <span>Ascent epochs</span>
        <select
          data-testid="attack-epochs"
          value={settings.maxEpochs}
          onChange={(e) => setSettings({ maxEpochs: Number(e.target.value) })}
        >
          {ATTACK_EPOCH_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>Molecules</span>
        <select
          data-testid="attack-limit"
          value={splitSize === null ? settings.limit : Math.min(settings.limit, splitSize)}
          onChange={(e) => setSettings({ limit: Number(e.target.value) })}
        >
          {ATTACK_LIMIT_CHOICES.filter((n) => splitSize === null || n < splitSize || n === ATTACK_LIMIT_CHOICES[0]).map(
            (n) => (
              <option key={n} value={n}>
                first {n}
              </option>
            ),
          )}
          {splitSize !== null && <option value={splitSize}>all {splitSize}</option>}
        </select>
      </label>
      <button
        type="button"
        className="primary"
        data-testid="attack-run"
        disabled={!ready || active || settings.sigmas.length === 0}
        onClick={() => void start()}
      >
        Run attack
      </button>
      {active && (
        <button type="button" data-testid="attack-cancel" disabled={run?.status === 'cancelling'} onClick={cancel}>
          Cancel
        </button>
      )}
    </div>
  );
}

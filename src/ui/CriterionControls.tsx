/**
 * The MA criterion (src/ma/criterion.ts) and its one setting: the ratio threshold (with the paper's presets), the
 * base-tail alpha with optional Bonferroni, or the attention-top percentile. The per-layer cut-off a statistical
 * criterion means for the model shown is listed in the title and the layer strip.
 */
import { useState } from 'react';
import type { CriterionKind } from '../engine/api';
import { ATTENTION_PERCENTILES, layerCutoffs, RATIO_PRESETS } from '../ma/criterion';
import { referenceOf } from '../state/criterionView';
import { isValidAlpha } from '../state/slices/criterionSlice';
import { isValidThreshold } from '../state/slices/viewSlice';
import { formatRatio } from './format';
import { useCriterion } from './molecule/useBondColors';
import { useAppStore } from './StoreContext';

const KINDS: { kind: CriterionKind; label: string; help: string }[] = [
  { kind: 'ratio', label: 'ratio > T', help: 'The paper’s fixed threshold: max|s| / median|s| above T' },
  {
    kind: 'base-tail',
    label: 'base-tail',
    help: 'In the tail of the untrained base model’s Gamma law of −log10 ratios: P_base(R ≥ r) < α',
  },
  {
    kind: 'attention-top',
    label: 'attention-top',
    help: 'Attention ÷ the head’s median over the split (max over heads) above a percentile (Tori, Bini et al. 2026)',
  },
];

function NumberField(props: {
  testId: string;
  label: string;
  value: number;
  valid: (n: number) => boolean;
  set: (n: number) => void;
  title: string;
}) {
  const [text, setText] = useState(String(props.value));
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    if (Number(text) !== props.value) setText(String(props.value));
  }
  const valid = text.trim() !== '' && props.valid(Number(text));
  return (
    <label className="field field-narrow" title={props.title}>
      <span>{props.label}</span>
      <input
        data-testid={props.testId}
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={!valid || undefined}
        onChange={(e) => {
          setText(e.target.value);
          const next = Number(e.target.value);
          if (e.target.value.trim() !== '' && props.valid(next)) props.set(next);
        }}
      />
    </label>
  );
}

export function CriterionControls() {
  const criterion = useCriterion();
  const s = {
    threshold: useAppStore((st) => st.threshold),
    alpha: useAppStore((st) => st.alpha),
    bonferroni: useAppStore((st) => st.bonferroni),
    percentile: useAppStore((st) => st.percentile),
    setCriterionKind: useAppStore((st) => st.setCriterionKind),
    setThreshold: useAppStore((st) => st.setThreshold),
    setAlpha: useAppStore((st) => st.setAlpha),
    setBonferroni: useAppStore((st) => st.setBonferroni),
    setPercentile: useAppStore((st) => st.setPercentile),
  };
  const reference = useAppStore((st) => referenceOf(st, st.modelEntryId));
  const layers = useAppStore((st) => st.modelEntries.find((e) => e.id === st.modelEntryId)?.layers ?? 0);
  const cutoffs = criterion.kind === 'ratio' ? [] : layerCutoffs(criterion, layers, reference);
  const meaning = cutoffs.length
    ? `Per layer this means ${criterion.kind === 'base-tail' ? 'ratio' : 'value'} > ${cutoffs.map((c, l) => `L${l + 1} ${formatRatio(c)}`).join(', ')}`
    : '';
  return (
    <div className="criterion-controls" role="group" aria-label="MA criterion">
      <label className="field" title={`${KINDS.find((k) => k.kind === criterion.kind)?.help}. ${meaning}`}>
        <span>MA criterion</span>
        <select
          data-testid="ma-criterion"
          value={criterion.kind}
          onChange={(e) => s.setCriterionKind(e.target.value as CriterionKind)}
        >
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind} title={k.help}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {criterion.kind === 'ratio' && (
        <>
          <NumberField
            testId="threshold-input"
            label="threshold T"
            value={s.threshold}
            valid={isValidThreshold}
            set={s.setThreshold}
            title="A bond is massive when its ratio is above this (the paper uses 1000)"
          />
          <span className="presets" role="group" aria-label="Thresholds the paper uses">
            {RATIO_PRESETS.map((t) => (
              <button
                key={t}
                type="button"
                data-testid={`threshold-preset-${t}`}
                aria-pressed={s.threshold === t}
                onClick={() => s.setThreshold(t)}
              >
                {t}
              </button>
            ))}
          </span>
        </>
      )}
      {criterion.kind === 'base-tail' && (
        <>
          <NumberField
            testId="alpha-input"
            label="α"
            value={s.alpha}
            valid={isValidAlpha}
            set={s.setAlpha}
            title="Tail probability under the base law below which an edge is massive"
          />
          <label className="field-check" title="Divide α by the number of directed edges in the test split">
            <input
              type="checkbox"
              data-testid="bonferroni"
              checked={s.bonferroni}
              onChange={(e) => s.setBonferroni(e.target.checked)}
            />
            Bonferroni
          </label>
        </>
      )}
      {criterion.kind === 'attention-top' && (
        <label className="field field-narrow" title="Percentile of the pooled per-edge values over the test split">
          <span>above</span>
          <select
            data-testid="percentile-select"
            value={s.percentile}
            onChange={(e) => s.setPercentile(Number(e.target.value))}
          >
            {ATTENTION_PERCENTILES.map((p) => (
              <option key={p} value={p}>
                p{p}
              </option>
            ))}
          </select>
        </label>
      )}
      {meaning && (
        <span
          className="criterion-meaning muted"
          data-testid="criterion-cutoffs"
          title={`${meaning} (${reference?.source ?? 'reference loading'})`}
        >
          {meaning}
        </span>
      )}
    </div>
  );
}

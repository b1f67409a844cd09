/**
 * Journey 3: ablation toggles (`ablation-<kind>`) and the stack they build. Each toggle adds its ablation on top
 * of the stack or takes it out; Undo takes the last one off, Clear all of them. The model re-runs in the worker
 * with the whole stack, so bonds recolour and the prediction shows its change. The bar keeps two rows of fixed
 * height; an ablation with nothing to act on is said under the molecule (AblationNotes), not here.
 */
import {
  describeAblation,
  RANDOMIZE_SEED,
  sameAblation,
  type AblationItem,
  type AblationKind,
} from '../state/ablations';
import { bondTitle } from './molecule/bondText';
import { useAppStore } from './StoreContext';

interface Toggle {
  kind: AblationKind;
  label: string;
  help: string;
  /** Needs a selected bond. */
  perBond: boolean;
}

const TOGGLES: Toggle[] = [
  {
    kind: 'remove-bond',
    label: 'Remove bond',
    help: 'Remove the selected bond: its two edges get zero attention weight',
    perBond: true,
  },
  {
    kind: 'ma-bond',
    label: 'Zero MAs of bond',
    help: 'Zero the massive features (above the MA threshold) of the selected bond’s two edges, in every layer',
    perBond: true,
  },
  {
    kind: 'ma-all',
    label: 'Zero all MAs',
    help: 'Zero the massive features of every edge in every layer: those above T, or above each layer’s cut-off under base-tail',
    perBond: false,
  },
  {
    kind: 'randomize',
    label: 'Random types',
    help: `Replace every bond type by a random valid one (seed ${RANDOMIZE_SEED}), as in the paper`,
    perBond: false,
  },
  {
    kind: 'global-node',
    label: 'Global node',
    help: 'Add a virtual node joined to every atom (its edges are not drawn); the model has no embedding for it, so it starts at zero',
    perBond: false,
  },
];

function itemFor(kind: AblationKind, bond: number | null): AblationItem | null {
  if (kind === 'remove-bond' || kind === 'ma-bond') return bond === null ? null : { kind, bond };
  return { kind };
}

export function AblationBar() {
  const ablations = useAppStore((s) => s.ablations);
  const bond = useAppStore((s) => s.selectedBond);
  const drawing = useAppStore((s) => s.drawingResult.value);
  const toggle = useAppStore((s) => s.toggleAblation);
  const undo = useAppStore((s) => s.undoAblation);
  const clear = useAppStore((s) => s.clearAblations);
  const bondName = (k: number) => (drawing && k < drawing.bonds.length ? bondTitle(drawing, k) : `bond ${k}`);
  return (
    <section className="ablation-bar" aria-label="Ablations">
      <div className="ablation-toggles" role="group" aria-label="Ablation toggles">
        <span className="ablation-label">Ablate</span>
        {TOGGLES.map(({ kind, label, help, perBond }) => {
          const item = itemFor(kind, bond);
          const pressed = item !== null && ablations.some((a) => sameAblation(a, item));
          return (
            <button
              key={kind}
              type="button"
              data-testid={`ablation-${kind}`}
              aria-pressed={pressed}
              disabled={item === null}
              title={item === null ? `${help}. Select a bond first.` : help}
              onClick={() => item && toggle(item)}
            >
              {label}
              {perBond && bond !== null && <span className="ablation-bond"> {bond}</span>}
            </button>
          );
        })}
      </div>
      <div className="ablation-stack-row">
        {ablations.length === 0 ? (
          <span className="muted">none applied</span>
        ) : (
          <ol className="ablation-stack" data-testid="ablation-stack" aria-label="Applied ablations, oldest first">
            {ablations.map((item) => (
              <li key={JSON.stringify(item)} className="ablation-chip">
                {describeAblation(item, bondName)}
                <button type="button" aria-label="Take this ablation off" onClick={() => toggle(item)}>
                  ×
                </button>
              </li>
            ))}
          </ol>
        )}
        <button
          type="button"
          data-testid="ablation-undo"
          disabled={!ablations.length}
          onClick={undo}
          title="Take the last ablation off (u)"
        >
          Undo
        </button>
        <button type="button" data-testid="ablation-clear" disabled={!ablations.length} onClick={clear}>
          Clear
        </button>
      </div>
    </section>
  );
}

/** Which molecule is shown: dataset row or typed SMILES, its SMILES (as text, never HTML) and known targets. */
import { AtomIndexToggle } from '../ColorModeControls';
import { formatValue } from '../format';
import { useAppStore } from '../StoreContext';

export function MoleculeTitle() {
  const drawing = useAppStore((s) => s.drawingResult.value);
  if (!drawing) return <div className="molecule-title muted">No molecule yet</div>;
  const known = drawing.targets
    .map((value, i) => ({ value, name: drawing.targetNames[i] ?? `target ${i}` }))
    .filter((t) => !Number.isNaN(t.value));
  return (
    <div className="molecule-title">
      <h2 data-testid="molecule-title">{drawing.title}</h2>
      {drawing.smiles && (
        <code className="smiles" title={drawing.smiles}>
          {drawing.smiles}
        </code>
      )}
      <span className="muted">
        {drawing.atoms.length} {drawing.kind === 'graph' ? 'nodes' : 'atoms'}, {drawing.bonds.length}{' '}
        {drawing.kind === 'graph' ? 'edges' : 'bonds'}
      </span>
      {known.length > 0 && known.length <= 2 && (
        <span className="muted">{known.map((t) => `${t.name}: ${formatValue(t.value)}`).join(' · ')}</span>
      )}
      {drawing.kind === 'molecule' && <AtomIndexToggle />}
    </div>
  );
}

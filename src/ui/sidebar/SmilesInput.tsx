/**
 * Any molecule by SMILES, featurised for the open dataset's models. The engine reads it first; only a SMILES it
 * could read replaces the molecule on screen, and a bad one gets a message here (text, never HTML).
 */
import { useState } from 'react';
import { useAppStore } from '../StoreContext';

export function SmilesInput() {
  const datasetName = useAppStore((s) => s.datasetName);
  const smiles = useAppStore((s) => s.smiles);
  const request = useAppStore((s) => s.smilesRequest);
  const requestSmiles = useAppStore((s) => s.requestSmiles);
  const stepMolecule = useAppStore((s) => s.stepMolecule);
  const moleculeIndex = useAppStore((s) => s.moleculeIndex);
  const [text, setText] = useState('');
  const [emptyTried, setEmptyTried] = useState(false);
  // A refused SMILES stays in the box to be fixed, until another molecule is shown: then the box shows that one's
  // SMILES (typed) or nothing, so it never holds a SMILES that is not on screen.
  const shown = `${datasetName}/${moleculeIndex}/${smiles}`;
  const [boxFor, setBoxFor] = useState(shown);
  if (boxFor !== shown) {
    setBoxFor(shown);
    setText(smiles ?? '');
  }
  const disabled = datasetName === 'proteins';
  const error =
    emptyTried && !text.trim()
      ? 'Type a SMILES first, e.g. c1ccccc1O (phenol).'
      : request?.status === 'failed'
        ? `Not drawn: ${request.error}`
        : null;
  return (
    <form
      className="smiles-form"
      onSubmit={(event) => {
        event.preventDefault();
        setEmptyTried(true);
        if (text.trim()) requestSmiles(text);
      }}
    >
      <label className="field">
        <span>SMILES</span>
        <div className="smiles-row">
          <input
            data-testid="smiles-input"
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder={disabled ? 'PROTEINS graphs are not molecules' : 'e.g. CC(=O)Oc1ccccc1C(=O)O'}
            disabled={disabled}
            value={text}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" data-testid="smiles-submit" disabled={disabled || request?.status === 'checking'}>
            Draw
          </button>
        </div>
      </label>
      {error && (
        <p className="field-error" role="alert" data-testid="smiles-error">
          {error}
        </p>
      )}
      {smiles !== null && !error && (
        <p className="smiles-active">
          Showing your SMILES.{' '}
          <button type="button" className="link-button" onClick={() => stepMolecule(1)}>
            Back to the list
          </button>
        </p>
      )}
    </form>
  );
}

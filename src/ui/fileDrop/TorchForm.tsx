/**
 * What a PyTorch file's shapes cannot tell, asked before it is opened: the model (inferred from the names when
 * left on "from the file"), the dataset (likewise) and the number of heads (from EBT's k_bias, else the paper's
 * config for that model and dataset). README, "PyTorch checkpoints".
 */
import { useState } from 'react';
import type { OpenCheckpointOptions } from '../../engine/userCheckpoints';

const KINDS = [
  ['', 'from the file'],
  ['gt', 'GT (graphtransformer)'],
  ['san', 'SAN'],
  ['graphit', 'GraphiT'],
] as const;
const DATASETS = [
  ['', 'from the file'],
  ['zinc', 'ZINC'],
  ['tox21', 'TOX21'],
  ['proteins', 'PROTEINS'],
] as const;

export function TorchForm(props: {
  fileName: string;
  onOpen: (options: OpenCheckpointOptions) => void;
  onCancel: () => void;
}) {
  const [model, setModel] = useState('');
  const [dataset, setDataset] = useState('');
  const [heads, setHeads] = useState('');
  const headsValue = Number(heads);
  const headsValid = heads.trim() === '' || (Number.isInteger(headsValue) && headsValue > 0);
  const open = () =>
    props.onOpen({
      ...(model && { model: model as OpenCheckpointOptions['model'] }),
      ...(dataset && { dataset: dataset as OpenCheckpointOptions['dataset'] }),
      ...(heads.trim() !== '' && { heads: headsValue }),
    });
  return (
    <form
      className="torch-form"
      data-testid="torch-form"
      aria-label={`Open ${props.fileName}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (headsValid) open();
      }}
    >
      <p>
        Open the PyTorch checkpoint <strong>{props.fileName}</strong> (a model trained with the paper’s code). Layers,
        width and EBT come from its tensors; say what they cannot tell:
      </p>
      <label className="field">
        <span>Model</span>
        <select data-testid="torch-model-kind" value={model} onChange={(e) => setModel(e.target.value)}>
          {KINDS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Dataset</span>
        <select data-testid="torch-dataset" value={dataset} onChange={(e) => setDataset(e.target.value)}>
          {DATASETS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-narrow" title="Blank: from EBT's k_bias if there, else the paper's config">
        <span>Heads</span>
        <input
          data-testid="torch-heads"
          type="number"
          min={1}
          step={1}
          placeholder="paper’s"
          value={heads}
          aria-invalid={!headsValid || undefined}
          onChange={(e) => setHeads(e.target.value)}
        />
      </label>
      <div className="torch-form-actions">
        <button type="submit" data-testid="torch-open" disabled={!headsValid}>
          Open
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

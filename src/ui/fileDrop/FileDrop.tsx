/**
 * The person's own molecules: drop (or pick) a CSV/TSV of SMILES or an SDF; the engine reads it in the worker for
 * the chosen model family, and the molecule list then shows its rows. What was read, and every rejected row with
 * its line and reason, is listed here as text (never as HTML). A file that cannot be used changes nothing else.
 * A saved checkpoint (model.json with its weights.bin) dropped here opens as a model instead; a PyTorch file of the
 * paper's code (.pt/.pth/.pkl) first asks what its shapes cannot tell (TorchForm).
 */
import { useRef, useState } from 'react';
import type { UserDatasetFamily } from '../../engine/api';
import { isCheckpointUpload, isTorchUpload } from '../../engine/checkpointUpload';
import type { DroppedFile } from '../../state/slices/userDatasetSlice';
import { useAppStore } from '../StoreContext';
import { RejectedRows } from './RejectedRows';
import { TorchForm } from './TorchForm';

const FAMILIES: { value: UserDatasetFamily; label: string; detail: string }[] = [
  { value: 'zinc', label: 'ZINC models', detail: 'the ZINC benchmark’s 28 atom types and Kekulé bond types' },
  { value: 'tox21', label: 'TOX21 models', detail: 'OGB’s 9 atom and 3 bond features (aromatic bonds kept)' },
];

async function readFiles(list: FileList | null): Promise<DroppedFile[]> {
  const files = Array.from(list ?? []);
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

export function FileDrop() {
  const datasetName = useAppStore((s) => s.datasetName);
  const shown = useAppStore((s) => s.userDataset);
  const load = useAppStore((s) => s.userDatasetLoad);
  const loadUserFiles = useAppStore((s) => s.loadUserFiles);
  const openCheckpointFiles = useAppStore((s) => s.openCheckpointFiles);
  const setUserFamily = useAppStore((s) => s.setUserFamily);
  // Until the person picks one, the family follows the open dataset (PROTEINS models read no molecules).
  const [picked, setPicked] = useState<UserDatasetFamily | null>(null);
  const family = picked ?? (datasetName === 'zinc' ? 'zinc' : 'tox21');
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [torchFile, setTorchFile] = useState<DroppedFile | null>(null);
  const chosenFamily = shown?.family ?? family;
  const take = async (list: FileList | null) => {
    const files = await readFiles(list);
    if (!files.length) return;
    if (isTorchUpload(files)) setTorchFile(files[0]);
    else if (isCheckpointUpload(files)) await openCheckpointFiles(files);
    else await loadUserFiles(files, chosenFamily);
  };
  return (
    <section className="file-drop-panel" aria-label="Your own molecules">
      <div
        className={`file-drop${over ? ' file-drop-over' : ''}`}
        data-testid="file-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void take(e.dataTransfer.files);
        }}
      >
        <span>Drop a CSV/TSV of SMILES or an SDF here, or</span>{' '}
        <button type="button" className="link-button" onClick={() => input.current?.click()}>
          choose a file
        </button>
        <span className="file-drop-hint">
          A saved checkpoint (<code>model.json</code> with its <code>weights.bin</code>, both at once) or a PyTorch
          checkpoint of the paper’s code (<code>.pt</code>) opens as a model.
        </span>
        <input
          ref={input}
          type="file"
          data-testid="file-input"
          accept=".csv,.tsv,.txt,.smi,.sdf,.sd,.mol,.gz,.json,.bin,.pt,.pth,.pkl"
          multiple
          hidden
          onChange={(e) => {
            void take(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      <label
        className="field"
        title="Which models read your molecules: each family featurises atoms and bonds its own way"
      >
        <span data-testid="user-family-label">
          {datasetName === 'proteins' && !shown
            ? 'Molecules you drop open for (PROTEINS models read none)'
            : 'Featurise your molecules for'}
        </span>
        <select
          data-testid="user-family-select"
          value={chosenFamily}
          disabled={load.status === 'loading'}
          onChange={(e) => {
            const next = e.target.value as UserDatasetFamily;
            setPicked(next);
            if (shown) void setUserFamily(next);
          }}
        >
          {FAMILIES.map((f) => (
            <option key={f.value} value={f.value} title={f.detail}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      {torchFile && (
        <TorchForm
          key={torchFile.name}
          fileName={torchFile.name}
          onCancel={() => setTorchFile(null)}
          onOpen={(options) => {
            setTorchFile(null);
            void openCheckpointFiles([torchFile], options);
          }}
        />
      )}
      {load.status === 'loading' && (
        <p className="file-drop-status muted" role="status" data-testid="file-drop-status">
          <span className="spinner" aria-hidden="true" /> {load.message}
        </p>
      )}
      {load.status === 'failed' && (
        <p className="field-error" role="alert" data-testid="file-drop-error">
          {load.message}
        </p>
      )}
      {shown && <RejectedRows report={shown} />}
    </section>
  );
}

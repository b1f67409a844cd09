/** "Export .pt": the chosen model as a PyTorch state_dict in the paper's code's names, downloaded. */
import { useState } from 'react';
import { useAppStore } from '../StoreContext';

function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportTorchButton() {
  const exportModelAsTorch = useAppStore((s) => s.exportModelAsTorch);
  const entryId = useAppStore((s) => s.modelEntryId);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const run = async () => {
    setState({ busy: true, error: null });
    try {
      const { fileName, bytes } = await exportModelAsTorch();
      download(bytes, fileName);
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <span className="export-torch">
      <button
        type="button"
        data-testid="export-pt"
        disabled={!entryId || state.busy}
        title="Download this model as a PyTorch state_dict that the paper's code loads (torch.load + load_state_dict)"
        onClick={() => void run()}
      >
        {state.busy ? 'Exporting…' : 'Export .pt'}
      </button>
      {state.error && (
        <span className="field-error" role="alert">
          Could not export: {state.error}
        </span>
      )}
    </span>
  );
}

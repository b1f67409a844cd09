/**
 * "Save checkpoint": two downloads, model.json and weights.bin, the two files of a checkpoint folder (model.json's
 * manifest names weights.bin). Put both in one folder to load them with the CLI or drop them on the app.
 */
import type { CheckpointFiles } from '../../engine/api';

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once click() returns in every current browser; revoke a little later anyway.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCheckpoint(files: CheckpointFiles): void {
  download(new Blob([JSON.stringify(files.modelJson, null, 1)], { type: 'application/json' }), 'model.json');
  download(new Blob([files.weights], { type: 'application/octet-stream' }), 'weights.bin');
}

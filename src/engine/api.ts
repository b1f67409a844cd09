/**
 * The one compute API the UI (through a Web Worker) and the CLI (in-process) call. Everything it takes and
 * returns is plain data and typed arrays, so it crosses the worker boundary by structured clone.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_ORDER, initBackend, type BackendInfo, type BackendName } from '../gnn/backend';
import { runAttentionProbe, type AttentionProbeInput } from '../gnn/attentionProbe';

export type { AttentionProbeInput } from '../gnn/attentionProbe';
export type { BackendName } from '../gnn/backend';

export interface EngineInfo extends BackendInfo {
  /** Where the engine runs: a browser Web Worker or the Node process. */
  host: 'worker' | 'node';
}

export interface AttentionProbeResult {
  backend: BackendName;
  output: Float32Array;
  /** Live tfjs tensors after the call; stays constant when nothing leaks. */
  numTensors: number;
}

export interface Engine {
  /**
   * Starts the first usable backend of `prefer` (default WebGPU > wasm > cpu). The first call decides; later
   * calls, and every other method, use that backend.
   */
  init(prefer?: BackendName[]): Promise<EngineInfo>;
  info(): Promise<EngineInfo>;
  /** Runs the attention probe on the active backend (diagnostics: does this backend agree with cpu?). */
  attentionProbe(input: AttentionProbeInput): Promise<AttentionProbeResult>;
}

export interface EngineHost {
  host: EngineInfo['host'];
  defaultOrder?: readonly BackendName[];
  wasmPaths: string | Record<string, string>;
}

export function createEngine({ host, defaultOrder = BACKEND_ORDER, wasmPaths }: EngineHost): Engine {
  const init = async (prefer?: BackendName[]): Promise<EngineInfo> => ({
    ...(await initBackend({ prefer: prefer ?? defaultOrder, wasmPaths })),
    host,
  });
  return {
    init,
    info: () => init(),
    async attentionProbe(input) {
      const { name } = await init();
      const output = await runAttentionProbe(input);
      return { backend: name, output, numTensors: tf.memory().numTensors };
    },
  };
}

/**
 * Everything tfjs needs registered before the project uses it, once per process or worker.
 *
 * Gradients: tfjs-core registers none by itself. `#tfjs-gradients` (package.json "imports") resolves in the
 * browser to core's ESM register_all_gradients (no WebGL or layers in the bundle), and in Node to the
 * @tensorflow/tfjs umbrella, whose CJS bundle registers them on the CJS tfjs-core that Node loads.
 */
import '#tfjs-gradients';
import * as tf from '@tensorflow/tfjs-core';
// Loaded here (not only when wasm is chosen) so its kernels are registered before ours replace some of them.
import '@tensorflow/tfjs-backend-wasm';
import { registerProjectKernels } from './kernels';

export function prepareTfjs(): void {
  registerProjectKernels();
  // In Node, tfjs warns on first use that tfjs-node would be faster; we use wasm on purpose. PROD silences it.
  if (tf.env().getBool('IS_NODE')) tf.env().set('PROD', true);
}

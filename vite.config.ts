import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Cross-origin isolation lets the threaded wasm build (SharedArrayBuffer) load; every asset is same-origin.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: {
    format: 'es',
    // tfjs's threaded wasm backend rebuilds its pthread workers from `factory.toString()`; minifying (renaming,
    // or folding its `typeof _scriptDir` guard) breaks them. So the worker bundle gets dead-code removal only.
    rolldownOptions: { output: { minify: 'dce-only' } },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048 },
});

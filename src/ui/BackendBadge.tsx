import type { EngineInfo } from '../engine/api';
import { useAppStore } from './StoreContext';

function describe(info: EngineInfo): string {
  const lines = [`tfjs ${info.tfjsVersion} on ${info.name}, in a Web Worker`];
  if (info.adapter) {
    const { vendor, architecture, description, isFallbackAdapter } = info.adapter;
    lines.push(`GPU adapter: ${[vendor, architecture, description].filter(Boolean).join(' ') || 'unnamed'}`);
    if (isFallbackAdapter) lines.push('Software (fallback) adapter: correct but slow');
  }
  if (info.wasm) lines.push(`wasm: ${info.wasm.threads} thread(s), SIMD ${info.wasm.simd ? 'on' : 'off'}`);
  for (const skip of info.skipped) lines.push(`${skip.name} not used: ${skip.reason}`);
  return lines.join('\n');
}

export function BackendBadge() {
  const status = useAppStore((s) => s.engineStatus);
  const info = useAppStore((s) => s.engineInfo);
  const error = useAppStore((s) => s.engineError);
  const text = status === 'ready' && info ? info.name : status === 'starting' ? 'starting…' : 'no backend';
  const title = status === 'ready' && info ? describe(info) : (error ?? 'Starting the compute engine');
  return (
    <span
      className={`badge badge-${status === 'ready' ? (info?.name ?? 'none') : status}`}
      data-testid="backend-badge"
      title={title}
    >
      {text}
    </span>
  );
}

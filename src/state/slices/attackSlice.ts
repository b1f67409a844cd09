/**
 * The attack panel (docs/METHOD.md §11): its settings (the two models, noise levels, epochs, molecules), the run in
 * progress or last finished as the engine streams it, and shipped checkpoints' recorded attacks. The engine is
 * attached once it starts (attachAttackEngine); the actions call it and fold its answers into the state.
 */
import * as Comlink from 'comlink';
import type { StateCreator } from 'zustand/vanilla';
import type {
  AttackRequest,
  AttackRunProgress,
  AttackRunResult,
  Engine,
  ModelEntry,
  RecordedAttack,
} from '../../engine/api';
import type { AppState } from '../store';

export type AttackEngine = Pick<Engine, 'attackModels' | 'cancelAttack' | 'recordedAttack'>;

export const ATTACK_SIGMAS = [0.01, 0.0316, 0.1] as const;
/** The paper's ascent runs up to 1000 epochs (until lr < 1e-6); a browser run is capped far lower. */
export const ATTACK_EPOCH_CHOICES = [1, 5, 20, 100] as const;
export const ATTACK_LIMIT_CHOICES = [16, 64, 256, 1000] as const;
/** The paper attacks the validation split. */
export const ATTACK_SPLIT = 'val' as const;

export interface AttackSettings {
  /** The two models compared; null: the current model, and its EBT (or plain) twin. */
  models: [string | null, string | null];
  sigmas: number[];
  maxEpochs: number;
  limit: number;
}

export interface AttackRunView {
  status: 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';
  request: AttackRequest;
  progress: AttackRunProgress | null;
  result: AttackRunResult | null;
  error: string | null;
}

export interface AttackSlice {
  attackEngine: AttackEngine | null;
  attackOpen: boolean;
  attackSettings: AttackSettings;
  attackRun: AttackRunView | null;
  /** Recorded attack.json per catalogue entry: undefined not asked, null none. */
  recordedAttacks: Record<string, RecordedAttack | null>;
  attachAttackEngine: (engine: AttackEngine) => void;
  setAttackOpen: (open: boolean) => void;
  setAttackSettings: (settings: Partial<AttackSettings>) => void;
  /** Attacks the two models (attackPair) on the open dataset's validation split at the current threshold. */
  startAttack: () => Promise<void>;
  cancelAttack: () => void;
  loadRecordedAttack: (entryId: string) => Promise<void>;
}

export const DEFAULT_ATTACK_SETTINGS: AttackSettings = {
  models: [null, null],
  sigmas: [...ATTACK_SIGMAS],
  maxEpochs: 5,
  limit: 256,
};

export const isAttackActive = (run: AttackRunView | null) =>
  run !== null && (run.status === 'running' || run.status === 'cancelling');

/** ckpt:gt-tox21-trained <-> ckpt:gt-tox21-ebt; null for anything else. */
export function twinOf(id: string): string | null {
  if (id.endsWith('-trained')) return id.replace(/-trained$/, '-ebt');
  if (id.endsWith('-ebt')) return id.replace(/-ebt$/, '-trained');
  return null;
}

/** The current model and its twin when listed, else another model of the same kind, else any other one. */
export function defaultAttackPair(current: string | null, entries: readonly ModelEntry[]): [string, string] | null {
  const first = entries.find((e) => e.id === current) ?? entries[0];
  if (!first) return null;
  const others = entries.filter((e) => e.id !== first.id);
  const twin = twinOf(first.id);
  const second = others.find((e) => e.id === twin) ?? others.find((e) => e.model === first.model) ?? others[0] ?? first;
  return [first.id, second.id];
}

/** The models the panel compares: the chosen ones, the default pair for the rest; null before models are listed. */
export function attackPair(state: AppState): [string, string] | null {
  const fallback = defaultAttackPair(state.modelEntryId, state.modelEntries);
  if (!fallback) return null;
  const listed = (id: string | null) => (id !== null && state.modelEntries.some((e) => e.id === id) ? id : null);
  const [a, b] = state.attackSettings.models;
  return [listed(a) ?? fallback[0], listed(b) ?? fallback[1]];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createAttackSlice: StateCreator<AppState, [], [], AttackSlice> = (set, get) => {
  /** Applies a change to the run of this request, ignoring answers about older runs. */
  const update = (request: AttackRequest, change: Partial<AttackRunView>) => {
    const run = get().attackRun;
    if (run?.request === request) set({ attackRun: { ...run, ...change } });
  };
  return {
    attackEngine: null,
    attackOpen: false,
    attackSettings: DEFAULT_ATTACK_SETTINGS,
    attackRun: null,
    recordedAttacks: {},
    attachAttackEngine: (attackEngine) => set({ attackEngine }),
    setAttackOpen: (attackOpen) => set({ attackOpen }),
    setAttackSettings: (settings) => set({ attackSettings: { ...get().attackSettings, ...settings } }),

    async startAttack() {
      const { attackEngine: engine, attackRun, attackSettings: s, datasetName, threshold } = get();
      const pair = attackPair(get());
      if (!engine || !pair || isAttackActive(attackRun) || s.sigmas.length === 0) return;
      const request: AttackRequest = {
        models: [...new Set(pair)],
        dataset: datasetName,
        split: ATTACK_SPLIT,
        sigmas: [...s.sigmas].sort((p, q) => p - q),
        maxEpochs: s.maxEpochs,
        limit: s.limit,
        maThreshold: threshold,
      };
      set({ attackRun: { status: 'running', request, progress: null, result: null, error: null } });
      try {
        const result = await engine.attackModels(
          request,
          Comlink.proxy((progress: AttackRunProgress) => update(request, { progress })),
        );
        update(request, { status: result.cancelled ? 'cancelled' : 'done', result });
      } catch (error) {
        update(request, { status: 'failed', error: message(error) });
      }
    },

    cancelAttack() {
      const run = get().attackRun;
      if (!run || run.status !== 'running') return;
      set({ attackRun: { ...run, status: 'cancelling' } });
      void get().attackEngine?.cancelAttack();
    },

    async loadRecordedAttack(entryId) {
      const engine = get().attackEngine;
      if (!engine || entryId in get().recordedAttacks) return;
      set({ recordedAttacks: { ...get().recordedAttacks, [entryId]: null } });
      const recorded = await engine.recordedAttack(entryId).catch(() => null);
      if (recorded) set({ recordedAttacks: { ...get().recordedAttacks, [entryId]: recorded } });
    },
  };
};

/** The compute engine (worker and tfjs backend) and RDKit inside it: starting, ready or failed. */
import type { StateCreator } from 'zustand/vanilla';
import type { EngineInfo } from '../../engine/api';
import type { AppState } from '../store';

export type EngineStatus = 'starting' | 'ready' | 'failed';

export interface EngineSlice {
  engineStatus: EngineStatus;
  engineInfo: EngineInfo | null;
  engineError: string | null;
  chemistryStatus: EngineStatus;
  rdkitVersion: string | null;
  chemistryError: string | null;
  engineReady: (info: EngineInfo) => void;
  engineFailed: (message: string) => void;
  chemistryReady: (rdkitVersion: string) => void;
  chemistryFailed: (message: string) => void;
}

export const createEngineSlice: StateCreator<AppState, [], [], EngineSlice> = (set) => ({
  engineStatus: 'starting',
  engineInfo: null,
  engineError: null,
  chemistryStatus: 'starting',
  rdkitVersion: null,
  chemistryError: null,
  engineReady: (info) => set({ engineStatus: 'ready', engineInfo: info, engineError: null }),
  engineFailed: (message) => set({ engineStatus: 'failed', engineError: message }),
  chemistryReady: (rdkitVersion) => set({ chemistryStatus: 'ready', rdkitVersion, chemistryError: null }),
  chemistryFailed: (message) => set({ chemistryStatus: 'failed', chemistryError: message }),
});

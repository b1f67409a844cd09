/**
 * The app store: small slices by concern combined by one factory (zustand's slices pattern), so tests get fresh
 * instances. Selectors live next to the components that use them.
 */
import { createStore, type StateCreator } from 'zustand/vanilla';
import type { EngineInfo } from '../engine/api';

export type EngineStatus = 'starting' | 'ready' | 'failed';

export interface EngineSlice {
  engineStatus: EngineStatus;
  engineInfo: EngineInfo | null;
  engineError: string | null;
  engineReady: (info: EngineInfo) => void;
  engineFailed: (message: string) => void;
}

export interface ViewSlice {
  aboutOpen: boolean;
  setAboutOpen: (open: boolean) => void;
}

export type AppState = EngineSlice & ViewSlice;

const createEngineSlice: StateCreator<AppState, [], [], EngineSlice> = (set) => ({
  engineStatus: 'starting',
  engineInfo: null,
  engineError: null,
  engineReady: (info) => set({ engineStatus: 'ready', engineInfo: info, engineError: null }),
  engineFailed: (message) => set({ engineStatus: 'failed', engineError: message }),
});

const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  aboutOpen: false,
  setAboutOpen: (open) => set({ aboutOpen: open }),
});

export function createAppStore() {
  return createStore<AppState>()((...args) => ({
    ...createEngineSlice(...args),
    ...createViewSlice(...args),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

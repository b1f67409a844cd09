/** Things the person should know that are not errors: parts of a link that were not used, settings reset. */
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from '../store';

export interface NoticeSlice {
  notices: string[];
  addNotices: (notices: string[]) => void;
  dismissNotices: () => void;
}

export const createNoticeSlice: StateCreator<AppState, [], [], NoticeSlice> = (set, get) => ({
  notices: [],
  addNotices: (notices) => {
    if (notices.length) set({ notices: [...get().notices, ...notices] });
  },
  dismissNotices: () => set({ notices: [] }),
});

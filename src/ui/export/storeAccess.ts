/** The store hook, and the store itself for actions that read the state once (an export). */
import { useContext } from 'react';
import type { AppStore } from '../../state/store';
import { StoreContext } from '../StoreContext';

export { useAppStore } from '../StoreContext';

export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStoreApi needs a StoreContext provider');
  return store;
}

import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ChatStore } from '../state/store';

export const StoreContext = createContext<ChatStore | null>(null);

/** The store, re-rendering the caller whenever it changes. */
export function useStore(): ChatStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('no store');
  useSyncExternalStore(store.subscribe, () => store.version);
  return store;
}

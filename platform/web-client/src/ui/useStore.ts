import { createContext, useCallback, useContext, useRef, useSyncExternalStore } from 'react';
import { shallowEqual } from '../state/equality';
import type { ChatStore } from '../state/store';

export const StoreContext = createContext<ChatStore | null>(null);

/** The store, for calling it: the caller does not re-render when it changes. */
export function useChatStore(): ChatStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('no store');
  return store;
}

/**
 * A slice of the store: the caller re-renders only when select's answer changes (by equals, shallow by default), so
 * a memoised row stays as it is while other conversations move. select may build a fresh object of fields each time.
 */
export function useStoreValue<T>(select: (store: ChatStore) => T,
                                 equals: (a: T, b: T) => boolean = shallowEqual): T {
  const store = useChatStore();
  const current = useRef({ select, equals });
  current.current = { select, equals };
  const kept = useRef<{ value: T } | null>(null);
  const subscribe = useCallback((onChange: () => void) =>
    store.watch(s => current.current.select(s), onChange, (a, b) => current.current.equals(a, b)), [store]);
  const snapshot = () => {
    const next = current.current.select(store);
    if (kept.current && current.current.equals(kept.current.value, next)) return kept.current.value;
    kept.current = { value: next };
    return next;
  };
  return useSyncExternalStore(subscribe, snapshot);
}

/** The whole store, re-rendering the caller on every change: for screens that are not open while messages pour in. */
export function useStore(): ChatStore {
  const store = useChatStore();
  useSyncExternalStore(store.subscribe, () => store.version);
  return store;
}

import { useSyncExternalStore } from 'react';

/** A tiny history router: the gateway serves index.html for every client path, so deep links and reloads work. */
const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach(l => l()));

export function navigate(path: string, replace = false) {
  if (path === location.pathname) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.forEach(l => l());
}

export function usePath(): string {
  return useSyncExternalStore(
    listener => { listeners.add(listener); return () => listeners.delete(listener); },
    () => location.pathname,
  );
}

export type Route =
  | { screen: 'home' }
  | { screen: 'conversation'; id: string; info: boolean }
  | { screen: 'friends' }
  | { screen: 'rooms' }
  | { screen: 'new' }
  | { screen: 'search' }
  | { screen: 'settings' };

export function parseRoute(path: string): Route {
  const conversation = /^\/c\/([0-9a-fA-F-]{36})(\/info)?\/?$/.exec(path);
  if (conversation) return { screen: 'conversation', id: conversation[1].toLowerCase(), info: !!conversation[2] };
  switch (path.replace(/\/$/, '')) {
    case '/friends': return { screen: 'friends' };
    case '/rooms': return { screen: 'rooms' };
    case '/new': return { screen: 'new' };
    case '/search': return { screen: 'search' };
    case '/settings': return { screen: 'settings' };
    default: return { screen: 'home' };
  }
}

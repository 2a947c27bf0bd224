/**
 * This browser's own notification preferences (whether it may play sounds and show notifications at all), remembered
 * per browser. Only these harmless settings go to localStorage; tokens never do. What to be notified about (mutes,
 * mentions only, do-not-disturb) follows the user on every device: the server keeps it (state/notifications.ts).
 */
const KEY = 'chat.preferences.v1';

export interface Preferences {
  sound: boolean;
  desktopNotifications: boolean;
}

const defaults: Preferences = { sound: true, desktopNotifications: true };

export function loadPreferences(): Preferences {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return {
      sound: typeof stored.sound === 'boolean' ? stored.sound : defaults.sound,
      desktopNotifications: typeof stored.desktopNotifications === 'boolean'
        ? stored.desktopNotifications : defaults.desktopNotifications,
    };
  } catch {
    return { ...defaults };
  }
}

export function savePreferences(preferences: Preferences) {
  try {
    localStorage.setItem(KEY, JSON.stringify(preferences));
  } catch {
    // Private mode or a full quota: the preference lasts for this page only.
  }
}

/**
 * The conversations muted in this browser before mutes moved to the server, taken once: the list is removed from
 * localStorage, and the caller mutes them on the server.
 */
export function takeLocalMutes(): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    if (!Array.isArray(stored.mutedConversations)) return [];
    const ids = stored.mutedConversations.filter((id: unknown) => typeof id === 'string');
    delete stored.mutedConversations;
    localStorage.setItem(KEY, JSON.stringify(stored));
    return ids;
  } catch {
    return [];
  }
}

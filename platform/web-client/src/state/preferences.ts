/**
 * Notification preferences, remembered per browser. Only these harmless settings go to localStorage; tokens never do.
 */
const KEY = 'chat.preferences.v1';

export interface Preferences {
  sound: boolean;
  desktopNotifications: boolean;
  mutedConversations: string[];
}

const defaults: Preferences = { sound: true, desktopNotifications: true, mutedConversations: [] };

export function loadPreferences(): Preferences {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return {
      sound: typeof stored.sound === 'boolean' ? stored.sound : defaults.sound,
      desktopNotifications: typeof stored.desktopNotifications === 'boolean'
        ? stored.desktopNotifications : defaults.desktopNotifications,
      mutedConversations: Array.isArray(stored.mutedConversations)
        ? stored.mutedConversations.filter((id: unknown) => typeof id === 'string') : [],
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

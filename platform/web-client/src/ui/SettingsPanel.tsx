import { useState, type FormEvent } from 'react';
import { api, uploadAvatar } from '../api/http';
import * as session from '../api/session';
import { DURATIONS, untilAfter } from '../state/notifications';
import { describe } from '../state/store';
import { AccountPanel } from './AccountPanel';
import { Avatar, PanelHeader } from './common';
import { useStore } from './useStore';

export function SettingsPanel() {
  const store = useStore();
  const [displayName, setDisplayName] = useState(store.me.displayName);
  const [permission, setPermission] = useState(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const user = await api.changeDisplayName(displayName.trim());
      session.updateUser(user);
      store.toast('Your display name is changed.');
    } catch (error) {
      store.toast(describe(error));
    }
  };

  const [pictureBusy, setPictureBusy] = useState(false);
  const changePicture = async (file: File | null) => {
    setPictureBusy(true);
    try {
      const user = await api.setAvatar(file ? (await uploadAvatar(file)).id : null);
      session.updateUser(user);
      store.toast(file ? 'Your picture is changed.' : 'Your picture is removed.');
    } catch (error) {
      store.toast(describe(error));
    } finally {
      setPictureBusy(false);
    }
  };

  return (
    <section className="panel" aria-label="Settings">
      <PanelHeader title="Settings" />
      <div className="panel__body">
        <form className="card form" onSubmit={rename} aria-labelledby="profile-title">
          <h2 id="profile-title">Profile</h2>
          <div className="info__profile">
            <Avatar id={store.me.id} name={store.me.displayName} size={56} />
            <span className="hint">@{session.user()?.username}</span>
          </div>
          <div className="info__picture">
            <label className="chip">{pictureBusy ? 'Uploading…' : 'Change picture'}
              <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" className="visually-hidden"
                     disabled={pictureBusy}
                     onChange={e => { const file = e.target.files?.[0]; e.target.value = ''; if (file) void changePicture(file); }} />
            </label>
            {store.avatarOf(store.me.id) && (
              <button type="button" className="chip" disabled={pictureBusy} onClick={() => void changePicture(null)}>
                Remove picture
              </button>
            )}
          </div>
          <label>Display name
            <input required maxLength={64} value={displayName} onChange={e => setDisplayName(e.target.value)} />
          </label>
          <button className="primary" type="submit">Save</button>
        </form>
        <div className="card form">
          <h2>Notifications</h2>
          <label className="checkbox">
            <input type="checkbox" checked={store.preferences.sound}
                   onChange={e => store.setPreferences({ sound: e.target.checked })} />
            Play a sound for new messages
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={store.preferences.desktopNotifications}
                   onChange={e => store.setPreferences({ desktopNotifications: e.target.checked })} />
            Show browser notifications while this tab is hidden
          </label>
          {permission === 'default' && (
            <button className="chip" onClick={async () => setPermission(await Notification.requestPermission())}>
              Allow browser notifications
            </button>
          )}
          {permission === 'denied' && <p className="hint">This browser blocks notifications for this site.</p>}
          <p className="hint">Mute single conversations, or hear only their mentions, from the bell in their header
            and their details.</p>
        </div>
        <DoNotDisturbSettings />
        <AccountPanel />
        <div className="card">
          <button className="chip danger" onClick={() => void session.logout()}>Sign out</button>
        </div>
      </div>
    </section>
  );
}

/** Do-not-disturb for the account, on every device at once: nothing sounds or notifies, mentions included. */
function DoNotDisturbSettings() {
  const store = useStore();
  const on = store.doNotDisturbOn;
  const until = store.doNotDisturb.until;
  return (
    <div className="card form" role="group" aria-labelledby="dnd-title">
      <h2 id="dnd-title">Do not disturb</h2>
      <p className="hint" data-testid="do-not-disturb-state">
        {on ? (until ? `On until ${new Date(until).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' })}.`
          : 'On until you turn it off.') : 'Off.'} While it is on, nothing sounds or notifies on any of your
        devices, mentions included.</p>
      <label>Do not disturb
        <select value="" onChange={e => {
          const choice = e.target.value;
          if (choice === 'off') void store.setDoNotDisturb(false, null);
          else if (choice) void store.setDoNotDisturb(true,
            untilAfter(choice === 'ever' ? null : Number(choice), Date.now()));
        }}>
          <option value="">{on ? 'On' : 'Off'}</option>
          {DURATIONS.map(d => <option key={d.label} value={d.minutes ?? 'ever'}>{d.label}</option>)}
          {on && <option value="off">Turn off</option>}
        </select>
      </label>
    </div>
  );
}

/**
 * The short "new message" sound, synthesised so no audio file (or media-src exception in the CSP) is needed.
 *
 * Its AudioContext is never made on the message path: making one holds the main thread for 100-300 ms in Chromium
 * (it asks the browser process for the output device), which froze the page at the first message of a burst. And
 * one made before the user clicked or typed stays suspended by the autoplay policy, so it could not sound anyway.
 * It is made once, when the browser is idle after the first gesture (see prepareSoundAfterGesture); until then a
 * message plays nothing.
 */
let audio: AudioContext | null = null;

const GESTURES = ['pointerdown', 'keydown'] as const;
/** Made at idle time after the gesture, but made within this even if the page is never idle. */
const PREPARE_WITHIN_MS = 2_000;

/**
 * Makes the AudioContext at the first idle moment after a click or key press for which wanted() holds (the sound
 * preference is on). Returns the function that stops waiting.
 */
export function prepareSoundAfterGesture(wanted: () => boolean): () => void {
  let scheduled = false;
  const onGesture = () => {
    if (audio || scheduled || !wanted()) return;
    scheduled = true;
    const make = () => {
      stop();
      try {
        audio ??= new AudioContext();
      } catch {
        // No audio device: a sound is a nicety.
      }
    };
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(make, { timeout: PREPARE_WITHIN_MS });
    else window.setTimeout(make, 0);
  };
  const stop = () => GESTURES.forEach(type => window.removeEventListener(type, onGesture, true));
  GESTURES.forEach(type => window.addEventListener(type, onGesture, { capture: true, passive: true }));
  return stop;
}

/** Plays the sound if the AudioContext is prepared; costs a millisecond or two. */
export function playMessageSound() {
  if (!audio) return;
  try {
    if (audio.state === 'suspended') void audio.resume();
    const now = audio.currentTime;
    const gain = audio.createGain();
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.15, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.35);
    gain.connect(audio.destination);
    [880, 1320].forEach((frequency, i) => {
      const tone = audio!.createOscillator();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(now + i * 0.09);
      tone.stop(now + 0.35);
    });
  } catch {
    // Autoplay refused or the device went away: a sound is a nicety.
  }
}

export function showDesktopNotification(title: string, body: string, tag: string, onClick: () => void) {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker.
  }
}

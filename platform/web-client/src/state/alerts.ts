/** The short "new message" sound, synthesised so no audio file (or media-src exception in the CSP) is needed. */
let audio: AudioContext | null = null;

export function playMessageSound() {
  try {
    audio ??= new AudioContext();
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
    // No audio device or autoplay refused: a sound is a nicety.
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

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** An AudioContext that counts how often it is made and how many tones it plays. */
const audio = vi.hoisted(() => ({ made: 0, tones: 0 }));

class FakeAudioContext {
  state = 'running';
  currentTime = 0;
  destination = {};
  constructor() { audio.made++; }
  resume() { return Promise.resolve(); }
  createGain() {
    return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect() {} };
  }
  createOscillator() {
    return { type: '', frequency: { value: 0 }, connect() {}, start() { audio.tones++; }, stop() {} };
  }
}

/** The window's gesture listeners and the idle callbacks asked for, run by the test. */
const listeners = new Map<string, () => void>();
const idle: (() => void)[] = [];

describe('the message sound', () => {
  beforeEach(() => {
    vi.resetModules();
    audio.made = 0;
    audio.tones = 0;
    listeners.clear();
    idle.length = 0;
    vi.stubGlobal('AudioContext', FakeAudioContext);
    vi.stubGlobal('window', {
      addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
      removeEventListener: (type: string) => listeners.delete(type),
      requestIdleCallback: (run: () => void) => idle.push(run),
      setTimeout: () => 0,
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('never makes its AudioContext on the message path, and plays nothing before a gesture prepared it', async () => {
    const { playMessageSound, prepareSoundAfterGesture } = await import('./alerts');
    prepareSoundAfterGesture(() => true);

    playMessageSound();

    expect(audio.made).toBe(0);
    expect(audio.tones).toBe(0);
  });

  it('makes the AudioContext once, when idle after the first gesture, and plays from it after', async () => {
    const { playMessageSound, prepareSoundAfterGesture } = await import('./alerts');
    prepareSoundAfterGesture(() => true);

    listeners.get('pointerdown')!();
    listeners.get('keydown')?.();
    expect(audio.made).toBe(0);
    idle.forEach(run => run());
    playMessageSound();
    playMessageSound();

    expect(audio.made).toBe(1);
    expect(audio.tones).toBe(4);
    expect(listeners.size).toBe(0);
  });

  it('makes nothing while the sound is turned off', async () => {
    const { prepareSoundAfterGesture } = await import('./alerts');
    let wanted = false;
    prepareSoundAfterGesture(() => wanted);

    listeners.get('pointerdown')!();
    idle.forEach(run => run());
    expect(audio.made).toBe(0);

    wanted = true;
    listeners.get('keydown')!();
    idle.forEach(run => run());
    expect(audio.made).toBe(1);
  });
});

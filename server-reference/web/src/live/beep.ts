let context: AudioContext | null = null;

/**
 * A short two-tone beep synthesised with Web Audio (no sound file to download). Browsers only allow
 * audio after a user gesture; before that the beep is silently skipped.
 */
export function beep(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.12, 1320],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.1);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.1);
    }
  } catch {
    // no audio device or not allowed yet: the toast alone carries the news
  }
}

const SOUND_KEY = 'namaskah.sound';

/** Whether this browser plays the beep (a per-device choice, kept in localStorage). */
export function soundEnabled(): boolean {
  return localStorage.getItem(SOUND_KEY) === 'on';
}

export function setSoundEnabled(on: boolean): void {
  localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
}

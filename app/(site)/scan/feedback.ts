/**
 * A short beep and a buzz when a courier's scan is taken, so they need not look at the screen.
 * Browsers only let a page make sound after the user touched it, so the audio context is created
 * (or resumed) on the first touch of the scan screen; before that, the beep is silently skipped.
 */
let audio: AudioContext | null = null;

export function unlockAudio(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === "suspended") void audio.resume();
  } catch {
    // No Web Audio (or refused): vibration and the on-screen message remain.
  }
}

function beep(context: AudioContext): void {
  const now = context.currentTime;
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = "sine";
  oscillator.frequency.value = 1320;
  gain.gain.setValueAtTime(0.0001, now);
  gain.gain.exponentialRampToValueAtTime(0.35, now + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.14);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(now);
  oscillator.stop(now + 0.15);
}

export function successFeedback(): void {
  if ("vibrate" in navigator) navigator.vibrate(70);
  if (audio?.state === "running") beep(audio);
}

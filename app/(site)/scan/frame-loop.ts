/**
 * Frames from the <video> to the decoder, paced to what the phone can do: the next frame is asked
 * for only once the last one is decoded (requestVideoFrameCallback, else requestAnimationFrame),
 * at most ten a second, so frames never queue up behind a slow decode and a phone stays cool.
 */
const MIN_INTERVAL_MS = 100;
/** Frames larger than this (a 1080p or 4K camera) are scaled down: more pixels only cost time. */
const MAX_SIDE = 1280;

type Grabber = (video: HTMLVideoElement) => ImageData;

/** Draws the current frame into one reused canvas and reads its pixels back. */
function frameGrabber(): Grabber {
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("2D canvas not supported");
  return (video) => {
    const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
    const [width, height] = [Math.round(video.videoWidth * scale), Math.round(video.videoHeight * scale)];
    if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
    context.drawImage(video, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  };
}

/** Starts decoding the video's frames with `onFrame`; returns the function that stops it. */
export function startFrameLoop(video: HTMLVideoElement, onFrame: (frame: ImageData) => Promise<void>): () => void {
  const grab = frameGrabber();
  let stopped = false;
  let last = 0;
  const next = () => {
    if (stopped) return;
    if ("requestVideoFrameCallback" in video) video.requestVideoFrameCallback(() => void tick());
    else requestAnimationFrame(() => void tick());
  };
  const tick = async () => {
    if (stopped) return;
    const now = performance.now();
    if (now - last >= MIN_INTERVAL_MS && video.videoWidth > 0) {
      last = now;
      // A frame that cannot be read or decoded is skipped; the next one may do.
      await onFrame(grab(video)).catch(() => undefined);
    }
    next();
  };
  next();
  return () => {
    stopped = true;
  };
}

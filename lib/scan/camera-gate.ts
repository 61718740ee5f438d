/**
 * One camera, opened and closed strictly in turn. React StrictMode mounts, unmounts and mounts
 * again; a route change can unmount while the camera is still starting; the page can be hidden
 * mid-start. Every open and close goes through one queue, and an open that was released before
 * its turn never starts, so two streams are never live at once and none is left running.
 */
export type CameraDriver = { start(): Promise<void>; stop(): Promise<void> };

export type CameraGate = {
  /** Queues a start; returns `release`, which queues the matching stop (or cancels the start). */
  open(driver: CameraDriver, onError: (error: unknown) => void): () => void;
};

export function createCameraGate(): CameraGate {
  let tail: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>): Promise<void> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
  return {
    open(driver, onError) {
      let released = false;
      let started = false;
      enqueue(async () => {
        if (released) return;
        await driver.start();
        started = true;
      }).catch((error: unknown) => {
        if (!released) onError(error);
      });
      return () => {
        if (released) return;
        released = true;
        enqueue(async () => {
          if (started) await driver.stop();
        }).catch(() => undefined);
      };
    },
  };
}

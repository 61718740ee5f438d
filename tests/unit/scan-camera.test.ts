import { describe, expect, it } from "vitest";
import { createCameraGate, type CameraDriver } from "@/lib/scan/camera-gate";
import { cameraProblemOf } from "@/lib/scan/camera-problem";
import { isPrivatePath } from "@/lib/scan/private-paths";

/** A fake camera that counts live streams and can be made slow or failing. */
function fakeCamera(log: string[], { startDelay = 5, fail = false } = {}) {
  let live = 0;
  let maxLive = 0;
  const driver = (name: string): CameraDriver => ({
    async start() {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, startDelay));
      if (fail) throw new DOMException("Permission denied", "NotAllowedError");
      maxLive = Math.max(maxLive, ++live);
    },
    async stop() {
      log.push(`stop ${name}`);
      live--;
    },
  });
  return { driver, live: () => live, maxLive: () => maxLive };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("the camera gate", () => {
  it("StrictMode's mount, unmount, mount starts the camera once", async () => {
    const log: string[] = [];
    const camera = fakeCamera(log);
    const gate = createCameraGate();
    const releaseFirst = gate.open(camera.driver("first"), () => undefined);
    releaseFirst();
    gate.open(camera.driver("second"), () => undefined);
    await settle();
    expect(log).toEqual(["start second"]);
    expect(camera.live()).toBe(1);
  });

  it("a release during a slow start stops the camera once it has started, before the next one", async () => {
    const log: string[] = [];
    const camera = fakeCamera(log, { startDelay: 20 });
    const gate = createCameraGate();
    const release = gate.open(camera.driver("a"), () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    gate.open(camera.driver("b"), () => undefined);
    await settle();
    expect(log).toEqual(["start a", "stop a", "start b"]);
    expect(camera.maxLive()).toBe(1);
  });

  it("reports a failed start, but not for a camera nobody wants any more", async () => {
    const errors: unknown[] = [];
    const gate = createCameraGate();
    gate.open(fakeCamera([], { fail: true }).driver("x"), (error) => errors.push(error));
    const release = gate.open(fakeCamera([], { fail: true }).driver("y"), (error) => errors.push(error));
    await new Promise((resolve) => setTimeout(resolve, 7));
    release();
    await settle();
    expect(errors).toHaveLength(1);
    expect(cameraProblemOf(errors[0])).toBe("denied");
  });
});

describe("cameraProblemOf", () => {
  it("reads DOMExceptions and html5-qrcode's strings alike", () => {
    expect(cameraProblemOf(new DOMException("Permission denied", "NotAllowedError"))).toBe("denied");
    expect(cameraProblemOf("Error getting userMedia, error = NotAllowedError: Permission dismissed")).toBe("denied");
    expect(cameraProblemOf("Error getting userMedia, error = NotFoundError: Requested device not found")).toBe(
      "no_camera",
    );
    expect(cameraProblemOf("Error getting userMedia, error = NotReadableError: Could not start video source")).toBe(
      "busy",
    );
    expect(cameraProblemOf("Camera streaming not supported by the browser.")).toBe("unsupported");
    expect(cameraProblemOf(new Error("something else"))).toBe("unknown");
  });
});

describe("isPrivatePath", () => {
  it("covers the private areas and everything below them, however spelled", () => {
    for (const path of [
      "/p/ABC",
      "/parcels",
      "/parcels/x",
      "/courier",
      "/admin/",
      "/api/v1/parcels",
      "/API/x",
      "//p/x",
    ]) {
      expect(isPrivatePath(path), path).toBe(true);
    }
    expect(isPrivatePath("/%70/ABC")).toBe(true);
  });

  it("leaves the public pages to the worker", () => {
    for (const path of [
      "/",
      "/scan",
      "/login",
      "/signup",
      "/~offline",
      "/icons/icon-192.png",
      "/parcelsx",
      "/pricing",
    ]) {
      expect(isPrivatePath(path), path).toBe(false);
    }
  });
});

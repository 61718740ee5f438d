/**
 * A camera photo as a JPEG of at most `max` pixels on its long side, drawn afresh on a canvas:
 * a few hundred KB instead of several MB on a mobile connection, and without the camera's EXIF
 * (which can carry the GPS position of the recipient's door).
 */
export async function resizePhoto(file: Blob, max = 1280): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, max / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("JPEG encoding failed"))), "image/jpeg", 0.8),
  );
}

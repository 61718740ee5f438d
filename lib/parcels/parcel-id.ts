import { randomFillSync } from "node:crypto";

/**
 * A parcel's row id: a UUIDv7 (RFC 9562), a millisecond timestamp, a counter within the
 * millisecond, then 62 random bits. Ids made one after another sort one after another, so
 * a batch's rows go to the right-hand end of the primary-key index instead of to thousands
 * of random pages. The id never leaves the server: a label carries only the parcel's code,
 * which stays 128 random bits and says nothing about when it was made.
 */
const IDS_PER_DRAW = 512; // random bytes are drawn for this many ids at a time
let random = Buffer.alloc(0);
let offset = 0;
let lastMs = 0;
let counter = 0;

function randomTail(): Buffer {
  if (offset + 8 > random.length) {
    random = randomFillSync(Buffer.allocUnsafe(8 * IDS_PER_DRAW));
    offset = 0;
  }
  offset += 8;
  return random.subarray(offset - 8, offset);
}

export function newParcelId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    // More than 4,096 ids in one millisecond (or the clock went back): borrow the next
    // millisecond, as RFC 9562 (6.2) allows, so the order still holds.
    lastMs += 1;
    counter = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes.writeUInt16BE(0x7000 | counter, 6); // version 7, then 12 bits of counter
  randomTail().copy(bytes, 8);
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

import { setImmediate as nextTurn } from "node:timers/promises";
import type { Writable } from "node:stream";
import type { TransactionSql } from "postgres";

/** A uuid already turned into its 16 bytes (uuidBytes). */
export type UuidBytes = { readonly bytes: Buffer };

function writeUuid(value: string, target: Buffer, offset: number): void {
  // Buffer.write stops silently at the first non-hex character: a short count means a malformed id.
  if (value.length !== 36 || target.write(value.replaceAll("-", ""), offset, "hex") !== 16) {
    throw new TypeError("not a uuid");
  }
}

export function uuidBytes(value: string): UuidBytes {
  const bytes = Buffer.alloc(16);
  writeUuid(value, bytes, 0);
  return { bytes };
}

/**
 * Rows in PostgreSQL's binary COPY format (the "PGCOPY" file format of the COPY docs):
 * PostgreSQL reads each value as it is, where text arrays or a text COPY would be parsed
 * and a uuid or bytea decoded from its text form.
 */
export class BinaryCopyWriter {
  private buffer: Buffer;
  private length = 0;

  /** `expectedBytes`: room to start with, so that a chunk is rarely copied to grow. */
  constructor(expectedBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(expectedBytes);
    this.room(19);
    this.length += this.buffer.write("PGCOPY\n\xff\r\n\0", this.length, "latin1");
    this.length = this.buffer.writeInt32BE(0, this.length); // flags: no OIDs
    this.length = this.buffer.writeInt32BE(0, this.length); // no header extension
  }

  /** Starts a row of `fields` values. */
  row(fields: number): this {
    this.room(2);
    this.length = this.buffer.writeInt16BE(fields, this.length);
    return this;
  }

  null(): this {
    this.room(4);
    this.length = this.buffer.writeInt32BE(-1, this.length);
    return this;
  }

  /**
   * A uuid in its canonical 8-4-4-4-12 form, sent as its 16 bytes; or those bytes from
   * uuidBytes, for a value that every row repeats (parsing it once, not once per row).
   */
  uuid(value: string | UuidBytes): this {
    if (typeof value !== "string") return this.bytea(value.bytes);
    this.room(20);
    this.length = this.buffer.writeInt32BE(16, this.length);
    writeUuid(value, this.buffer, this.length);
    this.length += 16;
    return this;
  }

  /** Text (and enum labels, whose binary form is the label): UTF-8, no terminator. */
  text(value: string | null): this {
    if (value === null) return this.null();
    this.room(4 + value.length * 3); // a UTF-16 code unit takes at most 3 bytes of UTF-8
    const bytes = this.buffer.write(value, this.length + 4, "utf8");
    this.length = this.buffer.writeInt32BE(bytes, this.length) + bytes;
    return this;
  }

  bytea(value: Uint8Array): this {
    this.room(4 + value.length);
    this.length = this.buffer.writeInt32BE(value.length, this.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
    return this;
  }

  bool(value: boolean): this {
    this.room(5);
    this.length = this.buffer.writeInt32BE(1, this.length);
    this.length = this.buffer.writeUInt8(value ? 1 : 0, this.length);
    return this;
  }

  /** All the data, with its trailer: the writer is finished. */
  end(): Buffer {
    this.room(2);
    this.length = this.buffer.writeInt16BE(-1, this.length);
    return this.buffer.subarray(0, this.length);
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(larger, 0, 0, this.length);
    this.buffer = larger;
  }
}

function written(stream: Writable, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => stream.write(data, (error) => (error ? reject(error) : resolve())));
}

/**
 * Runs `statement` (a `COPY … FROM STDIN (FORMAT binary)`) on the transaction's connection
 * with `data` (a BinaryCopyWriter's end()).
 *
 * Resolves once the data is sent, NOT once PostgreSQL accepted it: postgres.js 3.4 never
 * settles a COPY whose data PostgreSQL rejects after the last row (constraint and foreign-key
 * checks run then; porsager/postgres#1173), so waiting for that would hang forever. The next
 * statement on the transaction is the verdict instead: it runs after the COPY and fails
 * ("current transaction is aborted") when the COPY did; why is lost, that it failed is not.
 * So a COPY must be followed by another statement before the transaction commits: a COMMIT
 * after a failed COPY only rolls back, without an error. That statement must not be a COPY
 * (see countRegistered in register.ts).
 */
export async function sendCopy(sql: TransactionSql, statement: string, data: Buffer): Promise<void> {
  const stream = await sql.unsafe(statement).writable();
  // PostgreSQL's own error when it stops the COPY midway; postgres.js destroys the stream with it.
  let rejected: unknown;
  stream.on("error", (error) => (rejected ??= error));
  try {
    await written(stream, data);
  } catch (error) {
    throw rejected ?? error;
  }
  // Nothing is left to flush, so end() sends CopyDone at once (Writable calls _final when
  // no write is pending); one turn of the event loop later postgres.js takes queries again
  // (before that it would refuse the next one with COPY_IN_PROGRESS).
  stream.end();
  await nextTurn();
}

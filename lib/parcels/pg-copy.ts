import { setImmediate as nextTurn } from "node:timers/promises";
import type { Writable } from "node:stream";
import type { TransactionSql } from "postgres";

/**
 * Rows in PostgreSQL's binary COPY format (the "PGCOPY" file format of the COPY docs):
 * PostgreSQL reads each value as it is, where text arrays or a text COPY would be parsed
 * and a uuid or bytea decoded from its text form. `take()` hands over what was written so
 * far, so a large COPY can be sent chunk by chunk while the next rows are being built.
 */
export class BinaryCopyWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(private readonly chunkBytes = 256 * 1024) {
    this.buffer = Buffer.allocUnsafe(chunkBytes);
    this.room(19);
    this.length += this.buffer.write("PGCOPY\n\xff\r\n\0", this.length, "latin1");
    this.length = this.buffer.writeInt32BE(0, this.length); // flags: no OIDs
    this.length = this.buffer.writeInt32BE(0, this.length); // no header extension
  }

  /** True once the pending bytes are worth sending. */
  get full(): boolean {
    return this.length >= this.chunkBytes;
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

  /** A uuid in its canonical 8-4-4-4-12 form, sent as its 16 bytes. */
  uuid(value: string): this {
    this.room(20);
    this.length = this.buffer.writeInt32BE(16, this.length);
    const hex = value.replaceAll("-", "");
    // Buffer.write stops silently at the first non-hex character: a short count means a malformed id.
    if (value.length !== 36 || this.buffer.write(hex, this.length, "hex") !== 16) {
      throw new TypeError("not a uuid");
    }
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

  /** timestamptz: microseconds since 2000-01-01 UTC. */
  timestamp(value: Date): this {
    this.room(12);
    this.length = this.buffer.writeInt32BE(8, this.length);
    const micros = (BigInt(value.getTime()) - POSTGRES_EPOCH_MS) * 1000n;
    this.length = this.buffer.writeBigInt64BE(micros, this.length);
    return this;
  }

  /** What was written since the last take, as a buffer of its own (the stream may still hold it). */
  take(): Buffer {
    const chunk = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(this.chunkBytes);
    this.length = 0;
    return chunk;
  }

  /** The file trailer and everything not yet taken. */
  end(): Buffer {
    this.room(2);
    this.length = this.buffer.writeInt16BE(-1, this.length);
    return this.take();
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(larger, 0, 0, this.length);
    this.buffer = larger;
  }
}

const POSTGRES_EPOCH_MS = BigInt(Date.UTC(2000, 0, 1));

function written(stream: Writable, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => stream.write(chunk, (error) => (error ? reject(error) : resolve())));
}

/**
 * Runs `statement` (a `COPY … FROM STDIN (FORMAT binary)`) on the transaction's connection,
 * pulling each chunk from `chunks` only once the previous one was handed to the socket: the
 * next chunk is built while PostgreSQL inserts the last one. When `chunks` throws, the COPY
 * is cancelled (and with it the transaction) and the error passed on.
 *
 * Resolves once the data is sent, NOT once PostgreSQL accepted it: postgres.js 3.4 never
 * settles a COPY whose data PostgreSQL rejects after the last row (constraint and foreign-key
 * checks run then; porsager/postgres#1173), so waiting for that would hang forever. The next
 * statement on the transaction is the verdict instead: it runs after the COPY and fails
 * ("current transaction is aborted") when the COPY did; why is lost, that it failed is not.
 * So a COPY must be followed by another statement before the transaction commits: a COMMIT
 * after a failed COPY only rolls back, without an error. That statement must not be a COPY
 * (see insertEvents in register.ts).
 */
export async function sendCopy(sql: TransactionSql, statement: string, chunks: Iterable<Buffer>): Promise<void> {
  const stream = await sql.unsafe(statement).writable();
  // PostgreSQL's own error when it stops the COPY midway; postgres.js destroys the stream with it.
  let rejected: unknown;
  stream.on("error", (error) => (rejected ??= error));
  let sent = Promise.resolve();
  try {
    for (const chunk of chunks) {
      await sent;
      sent = written(stream, chunk);
    }
    await sent;
  } catch (error) {
    sent.catch(() => {}); // a write still in flight fails with the stream; `error` says why
    stream.destroy(error instanceof Error ? error : new Error(String(error))); // sends CopyFail
    throw rejected ?? error;
  }
  // Nothing is left to flush, so end() sends CopyDone at once (Writable calls _final when
  // no write is pending); one turn of the event loop later postgres.js takes queries again
  // (before that it would refuse the next one with COPY_IN_PROGRESS).
  stream.end();
  await nextTurn();
}

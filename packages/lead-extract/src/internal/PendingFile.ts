/**
 * A file written under a temporary name in its destination folder and renamed
 * into place only when complete: a failed or interrupted run leaves the
 * previous file (or none), never a partial one.
 *
 * Text is encoded straight into a 4 MiB buffer (one `Buffer#write` per
 * call, which also flattens a concatenated string without an extra copy) and
 * flushed synchronously when full: the report is produced by synchronous
 * SQLite reads anyway, and one system call per 4 MiB keeps writes off the
 * profile.
 */
import { randomBytes } from "node:crypto"
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs"
import { basename, dirname, join } from "node:path"

const BUFFER_SIZE = 4 << 20

/** A file being written; `commit` renames it into place, `abort` removes it. */
export class PendingFile {
  /** Where the bytes go until `commit`. */
  readonly tempPath: string
  private fd: number | undefined
  private readonly buffer = Buffer.allocUnsafe(BUFFER_SIZE)
  /** Bytes of `buffer` in use. */
  private used = 0
  /** Bytes already handed to the file. */
  private position = 0

  constructor(readonly finalPath: string) {
    this.tempPath = join(
      dirname(finalPath),
      `.${basename(finalPath)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
    )
    this.fd = openSync(this.tempPath, "wx")
  }

  /** Appends text (UTF-8). */
  write(text: string): void {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    if (this.used + text.length * 3 > BUFFER_SIZE) {
      this.flush()
      if (text.length * 3 > BUFFER_SIZE) {
        this.writeRaw(Buffer.from(text, "utf8"))
        return
      }
    }
    this.used += this.buffer.write(text, this.used, "utf8")
  }

  /** The byte offset the next `write` lands at. */
  offset(): number {
    this.flush()
    return this.position
  }

  /** Overwrites bytes already written, at `offset` (used to fill fixed-width placeholders). */
  writeAt(offset: number, text: string): void {
    this.flush()
    writeSync(this.descriptor(), text, offset, "utf8")
  }

  /** Writes out everything buffered. */
  flush(): void {
    if (this.used === 0) return
    const used = this.used
    this.used = 0
    this.writeRaw(this.buffer.subarray(0, used))
  }

  /** Appends bytes (already UTF-8). */
  writeBytes(bytes: Uint8Array): void {
    this.flush()
    this.writeRaw(bytes)
  }

  private writeRaw(bytes: Uint8Array): void {
    let written = 0
    while (written < bytes.length) {
      written += writeSync(this.descriptor(), bytes, written, bytes.length - written, this.position + written)
    }
    this.position += bytes.length
  }

  /** Flushes, closes and renames the file into place. */
  commit(): void {
    this.flush()
    closeSync(this.descriptor())
    this.fd = undefined
    renameSync(this.tempPath, this.finalPath)
  }

  /** Closes and removes the temporary file; safe to call more than once. */
  abort(): void {
    this.used = 0
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd)
      } catch {
        // already closed: nothing to release
      }
      this.fd = undefined
    }
    rmSync(this.tempPath, { force: true })
  }

  private descriptor(): number {
    if (this.fd === undefined) throw new Error(`${this.tempPath} is already closed`)
    return this.fd
  }
}

/**
 * Text encoded straight into 1 MiB UTF-8 chunks as it is produced, so a
 * worker never holds a group's rows as strings (which cost far more to keep
 * and collect than bytes). Chunks are allocated outside Node's shared buffer
 * pool, so they can be transferred to another thread.
 */
const CHUNK_SIZE = 1 << 20

/** A growing list of UTF-8 chunks. */
export class ByteChunks {
  private readonly full: Array<Uint8Array> = []
  private current = Buffer.allocUnsafeSlow(CHUNK_SIZE)
  private used = 0

  /** Appends text as UTF-8. */
  write(text: string): void {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    if (this.used + text.length * 3 > CHUNK_SIZE) {
      this.seal()
      if (text.length * 3 > CHUNK_SIZE) {
        const bytes = Buffer.from(text, "utf8")
        const copy = Buffer.allocUnsafeSlow(bytes.length)
        bytes.copy(copy)
        this.full.push(copy)
        return
      }
    }
    this.used += this.current.write(text, this.used, "utf8")
  }

  /** Every byte written, in order; the sink is empty afterwards. */
  take(): Array<Uint8Array> {
    this.seal()
    return this.full.splice(0)
  }

  private seal(): void {
    if (this.used === 0) return
    this.full.push(this.current.subarray(0, this.used))
    this.current = Buffer.allocUnsafeSlow(CHUNK_SIZE)
    this.used = 0
  }
}

/**
 * A set of positive integer ids, for the importer's key and reference checks.
 *
 * Bundle ids are mostly dense, so a bitmap answers `has` with one array read
 * where a `Set<number>` of millions of entries misses the CPU cache on nearly
 * every look-up. Ids past `BITMAP_LIMIT` go to a plain `Set` so that one huge
 * id cannot make the bitmap huge.
 */
const BITMAP_LIMIT = 1 << 28 // 256 Mi ids → a bitmap of at most 32 MiB per table

export class IdSet {
  private bits = new Uint32Array(1024)
  private readonly sparse = new Set<number>()

  has(id: number): boolean {
    if (id < BITMAP_LIMIT) {
      const word = id >>> 5
      return word < this.bits.length && (this.bits[word]! & (1 << (id & 31))) !== 0
    }
    return this.sparse.has(id)
  }

  add(id: number): void {
    if (id >= BITMAP_LIMIT) {
      this.sparse.add(id)
      return
    }
    const word = id >>> 5
    if (word >= this.bits.length) {
      let length = this.bits.length * 2
      while (length <= word) length *= 2
      const grown = new Uint32Array(Math.min(length, BITMAP_LIMIT >>> 5))
      grown.set(this.bits)
      this.bits = grown
    }
    this.bits[word] = this.bits[word]! | (1 << (id & 31))
  }
}

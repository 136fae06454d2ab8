/**
 * A small seeded pseudo-random generator (sfc32) with the helpers the
 * generator needs. Every random choice in a bundle goes through one of these,
 * so the same seed always gives the same bytes: no Math.random, no clock.
 */

/** cyrb128: hashes a text into four 32-bit words, used to seed sfc32. */
const hash128 = (text: string): [number, number, number, number] => {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let index = 0; index < text.length; index++) {
    const k = text.charCodeAt(index)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0]
}

export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  private constructor(words: readonly [number, number, number, number]) {
    ;[this.a, this.b, this.c, this.d] = words
    // Warm up so that similar seeds do not give similar first draws.
    for (let round = 0; round < 12; round++) this.next()
  }

  /**
   * A generator for one named part of the work. Deriving by label (rather than
   * sharing one stream) keeps e.g. a district's data the same when an earlier
   * district changes how many draws it makes.
   */
  static of(seed: number, ...labels: ReadonlyArray<string | number>): Random {
    return new Random(hash128(`${seed}|${labels.join("|")}`))
  }

  /** A child generator, derived from this one's next draw and a label. */
  fork(...labels: ReadonlyArray<string | number>): Random {
    return new Random(hash128(`${this.next()}|${labels.join("|")}`))
  }

  /** The next unsigned 32-bit word. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next() / 4294967296
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1))
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p
  }

  /** One element; the list must not be empty. */
  pick<T>(items: ReadonlyArray<T>): T {
    if (items.length === 0) throw new RangeError("pick from an empty list")
    return items[Math.floor(this.float() * items.length)] as T
  }

  /** One value, chosen with the given relative weights. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    let total = 0
    for (const [, weight] of choices) total += weight
    let point = this.float() * total
    for (const [value, weight] of choices) {
      point -= weight
      if (point < 0) return value
    }
    const last = choices[choices.length - 1]
    if (last === undefined) throw new RangeError("weighted choice from an empty list")
    return last[0]
  }

  /** Up to `count` distinct elements, in random order. */
  sample<T>(items: ReadonlyArray<T>, count: number): Array<T> {
    const copy = items.slice()
    const take = Math.min(count, copy.length)
    for (let index = 0; index < take; index++) {
      const swap = index + Math.floor(this.float() * (copy.length - index))
      const held = copy[index] as T
      copy[index] = copy[swap] as T
      copy[swap] = held
    }
    copy.length = take
    return copy
  }

  /** A roughly normal value (sum of uniforms), for sizes that cluster around a mean. */
  normal(mean: number, spread: number): number {
    const sum = this.float() + this.float() + this.float() + this.float() - 2
    return mean + sum * spread * 1.73
  }
}

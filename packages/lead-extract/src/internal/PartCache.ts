/**
 * Encodings of shared row parts, by the part's identity, held weakly: a
 * part's encoding lives as long as the rows that share the part. (A bounded
 * Map measured no faster and held more memory.)
 */

/** Remembers one encoding per part array. */
export class PartCache {
  private readonly encodings = new WeakMap<ReadonlyArray<string>, string>()

  constructor(private readonly encode: (values: ReadonlyArray<string>) => string) {}

  /** The encoding of `values`, computed on first sight. */
  get(values: ReadonlyArray<string>): string {
    let encoded = this.encodings.get(values)
    if (encoded === undefined) {
      encoded = this.encode(values)
      this.encodings.set(values, encoded)
    }
    return encoded
  }
}

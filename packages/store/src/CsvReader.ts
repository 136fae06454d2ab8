/**
 * A pull reader for RFC 4180 CSV files that knows the physical line each record
 * starts on, which the import's messages need (papaparse reports rows, not lines).
 *
 * The file is read in chunks with `readSync`, so memory stays bounded whatever
 * the file's size. Chunks of pure ASCII (most of a bundle) become text by a
 * plain copy, several times faster than UTF-8 decoding. Most lines hold no
 * quote at all; those are cut at their commas with `indexOf` on the chunk's
 * text, and only lines with a quote go through the character parser.
 */
import { isAscii } from "node:buffer"
import { closeSync, openSync, readSync } from "node:fs"
import { StringDecoder } from "node:string_decoder"

/** One record of the file, or a stretch of it that is not valid CSV. */
export type CsvItem =
  | { readonly kind: "record"; readonly line: number; readonly fields: Array<string> }
  | { readonly kind: "malformed"; readonly line: number; readonly message: string }

/**
 * Bytes read at a time. A chunk's text stays small enough for V8's young
 * generation: with 1 MiB chunks (large objects, each in fresh memory) reading
 * the state bundle's biggest files took more than twice as long.
 */
const CHUNK_BYTES = 1 << 15
const QUOTE = 34
const COMMA = 44
const LF = 10
const CR = 13

/** How a `CsvReader` reads its file. */
export interface CsvReaderOptions {
  /** Bytes read at a time (default 32 KiB); tests use a few bytes to put every boundary everywhere. */
  readonly chunkBytes?: number
}

/** Reads records from a CSV file, one at a time. Blank lines between records are skipped. */
export class CsvReader {
  private readonly fd: number
  private readonly decoder = new StringDecoder("utf8")
  private readonly chunk: Buffer
  private text = ""
  private position = 0
  private line = 1
  private endOfFile = false
  private atFileStart = true
  /** Every chunk so far was ASCII: decoded by copying, the UTF-8 decoder not used yet. */
  private asciiSoFar = true
  /**
   * Where the next quote in `text` is, at or after `position` when that is not
   * before it (the text's length when it holds none): found once and reused by
   * every line before it, so a line without quotes is not searched for one.
   */
  private quoteAt = -1
  /** Bytes read from the file so far (for progress). */
  bytesRead = 0

  constructor(readonly path: string, options: CsvReaderOptions = {}) {
    this.chunk = Buffer.allocUnsafe(options.chunkBytes ?? CHUNK_BYTES)
    this.fd = openSync(path, "r")
  }

  /** Releases the file. */
  close(): void {
    closeSync(this.fd)
  }

  /** The next record, a malformed stretch, or null at the end of the file. */
  next(): CsvItem | null {
    for (;;) {
      const item = this.parseAt()
      if (item !== NEED_MORE) return item
      this.load()
    }
  }

  private load(): void {
    const count = readSync(this.fd, this.chunk, 0, this.chunk.length, null)
    this.bytesRead += count
    let decoded: string
    if (count === 0) {
      decoded = this.decoder.end()
    } else if (this.asciiSoFar && isAscii(this.chunk.subarray(0, count))) {
      decoded = this.chunk.toString("latin1", 0, count) // ASCII reads the same in every encoding, and Latin-1 is a plain copy
    } else {
      this.asciiSoFar = false // from here on the decoder, which may hold a character split across chunks
      decoded = this.decoder.write(this.chunk.subarray(0, count))
    }
    if (count === 0) this.endOfFile = true
    if (this.atFileStart && decoded.length > 0) {
      if (decoded.charCodeAt(0) === 0xfeff) decoded = decoded.slice(1) // a leading BOM is not data
      this.atFileStart = false
    }
    this.text = this.position < this.text.length ? this.text.slice(this.position) + decoded : decoded
    this.position = 0
    this.quoteAt = -1
  }

  private parseAt(): CsvItem | null | typeof NEED_MORE {
    const text = this.text
    let start = this.position
    let lineEnd: number
    let contentEnd: number
    for (;;) {
      if (start >= text.length) return this.endOfFile ? null : NEED_MORE
      lineEnd = text.indexOf("\n", start)
      if (lineEnd === -1) {
        if (!this.endOfFile) return NEED_MORE
        lineEnd = text.length
      }
      contentEnd = lineEnd > start && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd
      if (contentEnd > start) break
      start = this.position = lineEnd + 1 // a blank line between records
      this.line++
    }
    if (this.quoteAt < start) {
      const quote = text.indexOf("\"", start)
      this.quoteAt = quote === -1 ? text.length : quote
    }
    if (this.quoteAt < contentEnd) return this.parseQuoted(start)
    // No quote on the line: the fields are the text between its commas.
    const fields: Array<string> = []
    let from = start
    for (;;) {
      const comma = text.indexOf(",", from)
      if (comma === -1 || comma >= contentEnd) break
      fields.push(text.slice(from, comma))
      from = comma + 1
    }
    fields.push(text.slice(from, contentEnd))
    const line = this.line
    this.position = lineEnd + 1
    this.line++
    return { kind: "record", line, fields }
  }

  /** The character-level parser, for records that hold a quote somewhere. */
  private parseQuoted(start: number): CsvItem | typeof NEED_MORE {
    const text = this.text
    const length = text.length
    const line = this.line
    const fields: Array<string> = []
    let extraLines = 0
    let at = start
    for (;;) {
      if (at < length && text.charCodeAt(at) === QUOTE) {
        let value = ""
        let from = at + 1
        for (;;) {
          const close = text.indexOf("\"", from)
          if (close === -1) {
            if (!this.endOfFile) return NEED_MORE
            return this.malformed(line, length, "a quoted field is never closed")
          }
          if (close + 1 >= length && !this.endOfFile) return NEED_MORE
          value += text.slice(from, close)
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += "\""
            from = close + 2
            continue
          }
          at = close + 1
          break
        }
        extraLines += countLineBreaks(value)
        fields.push(value)
        if (at >= length) return this.finish(line, fields, at, extraLines) // end of file
        const next = text.charCodeAt(at)
        if (next === COMMA) {
          at++
          continue
        }
        if (next === LF) return this.finish(line, fields, at + 1, extraLines)
        if (next === CR) {
          if (at + 1 >= length && !this.endOfFile) return NEED_MORE
          if (at + 1 >= length) return this.finish(line, fields, at + 1, extraLines)
          if (text.charCodeAt(at + 1) === LF) return this.finish(line, fields, at + 2, extraLines)
        }
        return this.skipLine(line, at, extraLines, "unexpected text after a closing quote")
      }
      let end = at
      while (end < length) {
        const code = text.charCodeAt(end)
        if (code === COMMA || code === LF || code === QUOTE) break
        end++
      }
      if (end >= length && !this.endOfFile) return NEED_MORE
      const code = end < length ? text.charCodeAt(end) : -1
      if (code === QUOTE) return this.skipLine(line, end, extraLines, "a quote inside an unquoted field")
      const value = code === LF && end > at && text.charCodeAt(end - 1) === CR
        ? text.slice(at, end - 1)
        : end === length && end > at && text.charCodeAt(end - 1) === CR
        ? text.slice(at, end - 1)
        : text.slice(at, end)
      fields.push(value)
      if (code === COMMA) {
        at = end + 1
        continue
      }
      return this.finish(line, fields, end + 1, extraLines)
    }
  }

  private finish(line: number, fields: Array<string>, nextPosition: number, extraLines: number): CsvItem {
    this.position = nextPosition
    this.line += 1 + extraLines
    return { kind: "record", line, fields }
  }

  /** Reports a malformed record and resumes at the next physical line. */
  private skipLine(line: number, from: number, extraLines: number, message: string): CsvItem | typeof NEED_MORE {
    const lineEnd = this.text.indexOf("\n", from)
    if (lineEnd === -1 && !this.endOfFile) return NEED_MORE
    return this.malformed(line, lineEnd === -1 ? this.text.length : lineEnd + 1, message, extraLines + 1)
  }

  private malformed(line: number, nextPosition: number, message: string, linesUsed?: number): CsvItem {
    const consumed = this.text.slice(this.position, nextPosition)
    this.position = nextPosition
    this.line += linesUsed ?? countLineBreaks(consumed) + 1
    return { kind: "malformed", line, message: `malformed CSV: ${message}` }
  }
}

const NEED_MORE = Symbol("need more text")

const countLineBreaks = (text: string): number => {
  let count = 0
  let at = text.indexOf("\n")
  while (at !== -1) {
    count++
    at = text.indexOf("\n", at + 1)
  }
  return count
}

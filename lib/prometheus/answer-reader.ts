/**
 * Reads a Prometheus API answer as its bytes arrive, handing over each object
 * of `data.result` (a series) as soon as it is complete. Nothing of the
 * answer is held whole: 10^5 series are some 40 MB of JSON, and holding the
 * bytes, their string and the parsed tree at once cost the server hundreds of
 * megabytes. What is left (the envelope: status, resultType, warnings, stats,
 * the scalar of a scalar answer) is a few hundred bytes, parsed at the end.
 *
 * Only the structure is scanned here, byte by byte outside strings and with
 * indexOf inside them; each chunk's complete series are parsed with one
 * JSON.parse. The series are split on ASCII bytes (braces), so a multi-byte
 * UTF-8 character is never cut.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Most bytes of an answer that is not JSON kept to say what it was (a login page's title, say). */
const MAX_TEXT = 64 * 1024;

/** What the bytes turned out to be, besides the series handed over. */
export type ReadAnswer =
  /** JSON: the document with `data.result` holding only its non-object elements (a scalar's [time, value]). */
  | { readonly kind: 'json'; readonly envelope: unknown }
  /** Not a JSON document (HTML, text, truncated JSON): its start, to describe it. */
  | { readonly kind: 'text'; readonly text: string };

/** Incremental reader of one answer: write() every chunk, then end(). */
export class AnswerReader {
  /** Open containers of the envelope ('{' or '['), outermost first. */
  private readonly stack: number[] = [];
  /** Per open object of the envelope: whether the next string is a key. */
  private readonly expectKey: boolean[] = [];
  /** The last key read at depth 1 and 2 (`data`, then `result`). */
  private readonly keys: (string | undefined)[] = [];
  private readonly skeleton: Buffer[] = [];
  private started = false;
  private finished = false;
  /** Not JSON after all: from here on only the first MAX_TEXT bytes are kept. */
  private text: Buffer[] | undefined;
  private textBytes = 0;
  private inString = false;
  /** The last byte of the previous chunk was an unescaped backslash inside a string. */
  private escaped = false;
  /** The string being read in the envelope is an object key. */
  private stringIsKey = false;
  /** The bytes of the string (a key) being read in the envelope, when short. */
  private keyBytes: number[] | undefined;
  private inResult = false;
  /** A scalar element of `data.result` is open (kept in the skeleton). */
  private valueOpen = false;
  private keptElements = 0;
  /** Depth inside the series being read; 0 outside one. */
  private elementDepth = 0;
  /** Parts of a series that began in an earlier chunk. */
  private carried: Buffer[] = [];
  private malformed = false;

  constructor(private readonly onElement: (element: unknown) => void) {}

  write(chunk: Buffer): void {
    if (this.text) return this.keepText(chunk);
    let i = 0;
    const n = chunk.length;
    if (!this.started) {
      while (i < n && isSpace(chunk[i]!)) i++;
      if (i === n) return;
      this.started = true;
      if (chunk[i] !== OPEN_OBJECT) {
        this.text = [];
        return this.keepText(chunk.subarray(i));
      }
    }
    // Series that begin and end in this chunk: [first start, last end).
    let batchStart = -1;
    let batchEnd = -1;
    let skelFrom = this.elementDepth > 0 ? -1 : i;
    const flushSkeleton = (to: number) => {
      if (skelFrom >= 0 && to > skelFrom) this.skeleton.push(Buffer.from(chunk.subarray(skelFrom, to)));
      skelFrom = -1;
    };
    let elementStart = this.elementDepth > 0 ? 0 : -1;

    while (i < n) {
      if (this.inString) {
        const close = this.stringEnd(chunk, i);
        if (close < 0) {
          if (this.keyBytes) for (let k = i; k < n; k++) this.pushKeyByte(chunk[k]!);
          i = n;
          break;
        }
        if (this.keyBytes) for (let k = i; k < close; k++) this.pushKeyByte(chunk[k]!);
        this.inString = false;
        i = close + 1;
        if (this.elementDepth === 0) this.closeEnvelopeString();
        continue;
      }
      const c = chunk[i]!;
      if (this.elementDepth > 0) {
        // Inside a series: only its end matters.
        if (c === QUOTE) this.inString = true;
        else if (c === OPEN_OBJECT || c === OPEN_ARRAY) this.elementDepth++;
        else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --this.elementDepth === 0) {
          if (elementStart === 0 && this.carried.length > 0) {
            this.carried.push(chunk.subarray(0, i + 1));
            this.parseElements(Buffer.concat(this.carried));
            this.carried = [];
          } else {
            if (batchStart < 0) batchStart = elementStart;
            batchEnd = i + 1;
          }
          elementStart = -1;
        }
        i++;
        continue;
      }
      if (this.inResult && this.stack.length === 3) {
        // Directly inside data.result: series are read apart, the rest is kept.
        if (isSpace(c) || c === COMMA) {
          if (c === COMMA) this.valueOpen = false;
          flushSkeleton(i);
          i++;
          continue;
        }
        if (c === OPEN_OBJECT && !this.valueOpen) {
          flushSkeleton(i);
          this.elementDepth = 1;
          elementStart = i;
          i++;
          continue;
        }
        if (c === CLOSE_ARRAY) {
          flushSkeleton(i);
          skelFrom = i;
          this.inResult = false;
          this.stack.pop();
          this.expectKey.pop();
          i++;
          continue;
        }
        if (!this.valueOpen) {
          flushSkeleton(i);
          if (this.keptElements++ > 0) this.skeleton.push(Buffer.from(','));
          this.valueOpen = true;
          skelFrom = i;
        }
      }
      if (skelFrom < 0) skelFrom = i;
      this.envelopeByte(c);
      i++;
    }
    // A series still open goes on in the next chunk (elementStart is 0 when it began before this one).
    if (this.elementDepth > 0) this.carried.push(Buffer.from(chunk.subarray(elementStart, n)));
    else flushSkeleton(n);
    if (batchStart >= 0) this.parseElements(chunk.subarray(batchStart, batchEnd));
  }

  /** The end of the answer: what it was, besides the series already handed over. */
  end(): ReadAnswer {
    if (this.text) return { kind: 'text', text: Buffer.concat(this.text).toString('utf8') };
    if (!this.started) return { kind: 'text', text: '' };
    if (this.malformed || !this.finished || this.inString || this.elementDepth > 0) return { kind: 'text', text: this.skeletonStart() };
    try {
      return { kind: 'json', envelope: JSON.parse(Buffer.concat(this.skeleton).toString('utf8')) };
    } catch {
      return { kind: 'text', text: this.skeletonStart() };
    }
  }

  private skeletonStart(): string {
    return Buffer.concat(this.skeleton).subarray(0, MAX_TEXT).toString('utf8');
  }

  private keepText(chunk: Buffer): void {
    if (this.textBytes >= MAX_TEXT) return;
    const part = chunk.subarray(0, MAX_TEXT - this.textBytes);
    this.text!.push(Buffer.from(part));
    this.textBytes += part.length;
  }

  /** Index of the quote closing the string the scan is in, from `from`; -1 when it goes on past the chunk. */
  private stringEnd(chunk: Buffer, from: number): number {
    let start = from;
    if (this.escaped) {
      this.escaped = false;
      start++;
    }
    for (;;) {
      if (start >= chunk.length) return -1;
      const q = chunk.indexOf(QUOTE, start);
      if (q < 0) {
        let k = chunk.length;
        while (k > start && chunk[k - 1] === BACKSLASH) k--;
        this.escaped = (chunk.length - k) % 2 === 1;
        return -1;
      }
      let k = q;
      while (k > start && chunk[k - 1] === BACKSLASH) k--;
      if ((q - k) % 2 === 0) return q;
      start = q + 1;
    }
  }

  private pushKeyByte(b: number): void {
    if (this.keyBytes!.length < 16) this.keyBytes!.push(b);
    else this.keyBytes = undefined;
  }

  /** One structural byte of the envelope (outside strings and series). */
  private envelopeByte(c: number): void {
    if (this.finished) {
      if (!isSpace(c)) this.malformed = true;
      return;
    }
    const depth = this.stack.length;
    const inObject = depth > 0 && this.stack[depth - 1] === OPEN_OBJECT;
    switch (c) {
      case QUOTE:
        this.inString = true;
        this.keyBytes = inObject && this.expectKey[depth - 1] && depth <= 2 ? [] : undefined;
        this.stringIsKey = inObject && this.expectKey[depth - 1] === true;
        return;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (c === OPEN_ARRAY && depth === 2 && this.keys[1] === 'data' && this.keys[2] === 'result' && this.stack[0] === OPEN_OBJECT && this.stack[1] === OPEN_OBJECT) {
          this.inResult = true;
        }
        this.stack.push(c);
        this.expectKey.push(c === OPEN_OBJECT);
        return;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        if (depth === 0 || this.stack[depth - 1] !== (c === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) {
          this.malformed = true;
          return;
        }
        this.stack.pop();
        this.expectKey.pop();
        if (depth <= 2) this.keys[depth] = undefined;
        this.afterValue();
        return;
      case COMMA:
        if (inObject) this.expectKey[depth - 1] = true;
        return;
      case COLON:
        return;
      default:
        return;
    }
  }

  /** A string of the envelope ended: a key of depth 1 or 2 is remembered. */
  private closeEnvelopeString(): void {
    const depth = this.stack.length;
    if (this.stringIsKey) {
      this.expectKey[depth - 1] = false;
      if (depth <= 2) this.keys[depth] = this.keyBytes ? String.fromCharCode(...this.keyBytes) : '';
    }
    this.stringIsKey = false;
    this.keyBytes = undefined;
  }

  /** A value of the envelope closed: at depth 0 the document is complete. */
  private afterValue(): void {
    if (this.stack.length === 0) this.finished = true;
  }

  private parseElements(bytes: Buffer): void {
    let values: unknown[];
    try {
      values = JSON.parse(`[${bytes.toString('utf8')}]`) as unknown[];
    } catch {
      this.malformed = true;
      return;
    }
    for (const v of values) this.onElement(v);
  }
}

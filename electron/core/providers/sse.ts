// Reads a provider's Server-Sent Events stream: eventsource-parser does the parsing (fields,
// comments, CR / LF / CRLF line ends, events split across chunks); this wrapper bounds what a
// hostile upstream can make us hold or scan. Each byte is looked at once here (only the new chunk),
// and before it reaches the parser:
//   - a line longer than maxPendingBytes fails (the parser would buffer it whole);
//   - an event (its lines up to the blank line that dispatches it) larger than maxPendingBytes fails;
//   - a stream larger than maxStreamBytes in all fails.
// The parser only ever joins a pending line of at most maxPendingBytes, so its cost stays linear.
import { StringDecoder } from 'node:string_decoder';
import { createParser, type EventSourceParser } from 'eventsource-parser';

export interface SseEvent {
  /** The `event:` field, or null when absent (OpenAI sends data-only events). */
  event: string | null;
  data: string;
}

/** A pending line or a pending event larger than this (bytes) fails the stream. */
export const MAX_SSE_PENDING_BYTES = 1024 * 1024;
/** A whole stream larger than this (bytes) fails: the same bound as a plain answer's body. */
export const MAX_SSE_STREAM_BYTES = 32 * 1024 * 1024;

export interface SseLimits {
  maxPendingBytes: number;
  maxStreamBytes: number;
}

export type SseBound = 'line' | 'event' | 'stream';

/** The stream broke one of the bounds: the caller treats it as a malformed upstream answer. */
export class SseLimitError extends Error {
  override readonly name = 'SseLimitError';

  constructor(
    readonly bound: SseBound,
    readonly limit: number,
  ) {
    super(
      bound === 'line'
        ? `an SSE line is longer than ${limit} bytes`
        : bound === 'event'
          ? `an SSE event is larger than ${limit} bytes`
          : `the SSE stream is larger than ${limit} bytes`,
    );
  }
}

const LF = 0x0a;
const CR = 0x0d;

export class SseReader {
  private readonly parser: EventSourceParser;
  private readonly decoder = new StringDecoder('utf8');
  private readonly limits: SseLimits;
  private out: SseEvent[] = [];
  private lineBytes = 0;
  private eventBytes = 0;
  private totalBytes = 0;
  /** The last byte seen ended a line with CR: an LF right after it is the same line end. */
  private afterCr = false;
  private failed: SseLimitError | null = null;

  constructor(limits: Partial<SseLimits> = {}) {
    this.limits = {
      maxPendingBytes: limits.maxPendingBytes ?? MAX_SSE_PENDING_BYTES,
      maxStreamBytes: limits.maxStreamBytes ?? MAX_SSE_STREAM_BYTES,
    };
    this.parser = createParser({
      onEvent: (e) => this.out.push({ event: e.event ?? null, data: e.data }),
      // unknown fields and bad `retry:` values are ignored, as browsers do
    });
  }

  /** Feeds a chunk (bytes, or text for tests); returns the events it completed. Throws SseLimitError. */
  push(chunk: Uint8Array | string): SseEvent[] {
    if (this.failed) throw this.failed;
    const b =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.totalBytes += b.length;
    if (this.totalBytes > this.limits.maxStreamBytes) this.fail('stream', this.limits.maxStreamBytes);
    this.scan(b);
    const text = this.decoder.write(b);
    if (text !== '') this.parser.feed(text);
    return this.take();
  }

  /** Ends the input: an event not yet terminated by a blank line is dispatched if it has data. */
  end(): SseEvent[] {
    if (this.failed) throw this.failed;
    const rest = this.decoder.end();
    if (rest !== '') this.parser.feed(rest);
    this.parser.feed('\n\n');
    return this.take();
  }

  private take(): SseEvent[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  /** Counts line and event sizes over the new bytes only, looking for line ends with indexOf. */
  private scan(b: Buffer): void {
    const n = b.length;
    let i = 0;
    let lf = b.indexOf(LF);
    let cr = b.indexOf(CR);
    while (i < n) {
      if (this.afterCr) {
        this.afterCr = false;
        if (b[i] === LF) {
          i++;
          continue;
        }
      }
      if (lf !== -1 && lf < i) lf = b.indexOf(LF, i);
      if (cr !== -1 && cr < i) cr = b.indexOf(CR, i);
      const end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) {
        this.grow(n - i);
        return;
      }
      this.grow(end - i);
      if (this.lineBytes === 0) this.eventBytes = 0; // a blank line dispatches the event
      this.lineBytes = 0;
      this.afterCr = b[end] === CR;
      i = end + 1;
    }
  }

  private grow(bytes: number): void {
    this.lineBytes += bytes;
    this.eventBytes += bytes;
    const max = this.limits.maxPendingBytes;
    if (this.lineBytes > max) this.fail('line', max);
    if (this.eventBytes > max) this.fail('event', max);
  }

  private fail(bound: SseBound, limit: number): never {
    this.failed = new SseLimitError(bound, limit);
    this.out = [];
    throw this.failed;
  }
}

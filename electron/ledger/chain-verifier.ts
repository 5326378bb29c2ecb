// Verifies a ledger one line at a time and reports every break, not only the first: a damaged
// line does not stop the check, and links are checked against the last readable entry so that one
// edit or deletion shows as one break, not as a cascade.
import { computeHash, pcagShapeProblem } from './pcag';
import { fastLineHash } from './fast-canonical';
import { pyLoads, PyJsonError } from './pyjson-parse';
import { GENESIS_HASH, type PyJson } from './types';
import { tooLongDetail } from './entry-bound';
import type { BreakKind, ChainBreak } from '../../shared/domain';

export type { BreakKind, ChainBreak };

/** What the verifier learnt of one line: enough for the ledger browser to show it. */
export interface LineVerdict {
  index: number;
  entry: { [key: string]: PyJson } | null;
  recomputedHash: string | null;
  breaks: ChainBreak[];
}

/** A hash in full (reports are evidence); a field far longer than any hash is cut, saying so. */
const full = (h: string): string => (h.length > 128 ? `${h.slice(0, 64)}… (${h.length} characters)` : h);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes one line's bytes as strict UTF-8; null where they are not. */
export function decodeLine(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Where invalid UTF-8 first occurs in a line (for the break's detail and its explanation). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let lo = 0, hi = bytes.length; ;) {
    if (hi - lo <= 1) return lo;
    const mid = (lo + hi) >> 1;
    if (decodeLine(bytes.subarray(0, mid)) === null) hi = mid;
    else lo = mid;
  }
}

/** Where the chain stands after some lines: what the next entry's link is checked against. */
export interface ChainState {
  lastHash: string | null;
  lastIndex: number;
  unreadableSinceLast: number;
}

/** A range's first link check, left to the caller that knows the chain before the range. */
export interface DeferredLink {
  index: number;
  previous: string;
  unreadableBefore: number;
}

/** A link break as found in a range whose index offset is not known yet (see verify-parallel.ts). */
export interface RawLinkBreak {
  index: number;
  previous: string;
  lastHash: string | null;
  lastIndex: number;
  unreadable: number;
}

export interface ChainVerifierOptions {
  /** Keep each verdict's parsed entry (default true). Without, lines in Python's own form take a fast path. */
  keepEntries?: boolean;
  /** Start after these lines (a range of a file verified in parts). */
  start?: ChainState;
  /** The chain before the first line is unknown: the first link check is recorded in `deferredLink`, not made. */
  deferFirstLink?: boolean;
  /** Link breaks are handed here instead of onBreak (their detail names an index the range cannot know). */
  onLinkBreak?: (l: RawLinkBreak) => void;
}

/** Why an entry's previous_hash breaks the chain after `before`, or null when it links. */
export function linkProblem(
  previous: string,
  lastHash: string | null,
  lastIndex: number,
  n: number,
): string | null {
  const through = n ? ` (${n} unreadable line${n > 1 ? 's' : ''} in between)` : '';
  if (lastHash === null && n === 0) {
    if (previous !== GENESIS_HASH)
      return `first entry's previous_hash ${full(previous)} is not the genesis hash (64 zeros): entries before it are missing`;
  } else if (lastHash !== null && previous !== lastHash) {
    return `previous_hash ${full(previous)} does not match entry ${lastIndex}'s current_hash ${full(lastHash)}${through}: an entry was deleted, inserted or moved`;
  }
  return null;
}

export class ChainVerifier {
  entries = 0;
  head: string | null = null;
  deferredLink: DeferredLink | null = null;
  private lastHash: string | null = null;
  private lastIndex = -1;
  private unreadableSinceLast = 0;
  private readonly keepEntries: boolean;
  private deferring: boolean;
  private readonly onLinkBreak: ((l: RawLinkBreak) => void) | undefined;

  constructor(
    private readonly onBreak: (b: ChainBreak) => void,
    opts: ChainVerifierOptions = {},
  ) {
    this.keepEntries = opts.keepEntries ?? true;
    this.deferring = opts.deferFirstLink ?? false;
    this.onLinkBreak = opts.onLinkBreak;
    if (opts.start) {
      this.lastHash = opts.start.lastHash;
      this.lastIndex = opts.start.lastIndex;
      this.unreadableSinceLast = opts.start.unreadableSinceLast;
    }
  }

  /** The chain's state after the lines pushed so far. */
  get state(): ChainState {
    return {
      lastHash: this.lastHash,
      lastIndex: this.lastIndex,
      unreadableSinceLast: this.unreadableSinceLast,
    };
  }

  /**
   * Checks one line. `tooLong` where its bytes were skipped for being over the entry bound
   * (entry-bound.ts); `length` is then its byte length without the newline.
   */
  push(
    index: number,
    bytes: Uint8Array,
    terminated: boolean,
    tooLong = false,
    length = bytes.length,
  ): LineVerdict {
    this.entries = index + 1;
    if (!this.keepEntries && !tooLong) {
      // Lines as Python writes them: canonical bytes copied from the line (see fast-canonical.ts).
      const fast = fastLineHash(bytes);
      if (fast) {
        const breaks: ChainBreak[] = [];
        const add = (kind: BreakKind, detail: string): void => {
          const b = { index, kind, detail };
          breaks.push(b);
          this.onBreak(b);
        };
        this.checkEntry(index, fast.currentHash, fast.previousHash, fast.recomputed, add);
        return { index, entry: null, recomputedHash: fast.recomputed, breaks };
      }
    }
    const breaks: ChainBreak[] = [];
    const add = (kind: BreakKind, detail: string): void => {
      const b = { index, kind, detail };
      breaks.push(b);
      this.onBreak(b);
    };
    const verdict: LineVerdict = { index, entry: null, recomputedHash: null, breaks };
    const unreadable = (kind: BreakKind, detail: string): LineVerdict => {
      add(kind, detail);
      this.unreadableSinceLast++;
      return verdict;
    };

    if (tooLong) return unreadable('parse', tooLongDetail(length));
    let text = decodeLine(bytes);
    if (text === null) {
      const at = firstInvalidUtf8(bytes);
      return unreadable(terminated ? 'parse' : 'torn_tail', `invalid UTF-8 at byte ${at} of the line`);
    }
    if (text.charCodeAt(0) === 0xfeff) {
      add(
        'parse',
        'line starts with a UTF-8 byte-order mark (Python json.loads rejects it); checked without it',
      );
      text = text.slice(1);
    }
    if (text.trim() === '') {
      add('parse', 'blank line where an entry should be');
      return verdict;
    }

    let value: PyJson;
    try {
      const parsed = pyLoads(text);
      value = parsed.value;
      for (const k of new Set(parsed.duplicateKeys))
        add('parse', `duplicate key "${k}": readers disagree on its value (Python keeps the last one)`);
    } catch (e) {
      const why = e instanceof PyJsonError || e instanceof RangeError ? e.message : String(e);
      if (!terminated)
        return unreadable('torn_tail', `last line cut short (${bytes.length} bytes, no newline): ${why}`);
      return unreadable('parse', `not JSON: ${why}`);
    }

    const problem = pcagShapeProblem(value);
    const obj =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as { [k: string]: PyJson })
        : null;
    if (problem) {
      add('parse', `not a PCAg: ${problem}`);
      // A mistyped entry still names its hash: later entries can still be linked to it.
      if (obj && typeof obj.current_hash === 'string') this.accept(index, obj.current_hash);
      else this.unreadableSinceLast++;
      return verdict;
    }
    const entry = obj as { [k: string]: PyJson };
    verdict.entry = entry;
    const stored = entry.current_hash as string;
    const previous = entry.previous_hash as string;

    let recomputed: string;
    try {
      recomputed = computeHash(entry);
    } catch (e) {
      return unreadable('parse', `cannot be hashed: ${e instanceof Error ? e.message : String(e)}`);
    }
    verdict.recomputedHash = this.checkEntry(index, stored, previous, recomputed, add);
    return verdict;
  }

  /**
   * A line in Python's own form whose canonical bytes were hashed elsewhere (the WebAssembly chunk
   * path, wasm/batch-verify.ts): the checks push makes on its fast path, without a verdict.
   * `previous` null: the line's previous_hash is the current_hash of the line pushed just before
   * (index - 1, taken by pushHashed), as the caller compared their bytes.
   */
  pushHashed(index: number, recomputed: string, stored: string, previous: string | null): void {
    this.entries = index + 1;
    const last = this.lastHash;
    if (recomputed === stored && !this.deferring && last !== null && (previous ?? last) === last) {
      // Intact and linked (checkEntry would find nothing).
      if (previous !== null || this.lastIndex === index - 1) {
        this.accept(index, stored);
        return;
      }
    }
    const prev = previous ?? (this.lastIndex === index - 1 ? last : null);
    if (prev === null) throw new Error(`pushHashed: no entry ${index - 1} to link entry ${index} to`);
    this.checkEntry(index, stored, prev, recomputed, (kind, detail) => this.onBreak({ index, kind, detail }));
  }

  /** The content and link checks of a well-formed entry; returns the recomputed hash. */
  private checkEntry(
    index: number,
    stored: string,
    previous: string,
    recomputed: string,
    add: (kind: BreakKind, detail: string) => void,
  ): string {
    if (recomputed !== stored)
      add(
        'content',
        `stored current_hash ${full(stored)} differs from the recomputed ${recomputed}: the entry was edited`,
      );
    if (this.deferring) {
      this.deferredLink = { index, previous, unreadableBefore: this.unreadableSinceLast };
    } else {
      const link = linkProblem(previous, this.lastHash, this.lastIndex, this.unreadableSinceLast);
      if (link && this.onLinkBreak) {
        const n = this.unreadableSinceLast;
        this.onLinkBreak({
          index,
          previous,
          lastHash: this.lastHash,
          lastIndex: this.lastIndex,
          unreadable: n,
        });
      } else if (link) add('link', link);
    }
    this.accept(index, stored);
    return recomputed;
  }

  private accept(index: number, hash: string): void {
    this.deferring = false;
    this.lastHash = hash;
    this.lastIndex = index;
    this.head = hash;
    this.unreadableSinceLast = 0;
  }
}

// Which subtrees an RFC 9162 proof is made of, as leaf ranges [start, end): the proof's hashes are
// the roots of these ranges, in this order. Keeping the shape apart from the hashing lets one
// stream of leaf hashes (a ledger file read once, in bounded memory) fill in every hash of a proof.

export interface LeafRange {
  start: number;
  end: number;
}

/** The largest power of two smaller than n (n >= 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** PATH(m, D[start:end]) (RFC 6962 §2.1.1), as ranges from the leaf's sibling up to the root's child. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    throw new RangeError(`no leaf ${index} in a tree of ${size}`);
  const out: LeafRange[] = [];
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      out.push({ start: start + k, end });
    } else {
      walk(m - k, start + k, end);
      out.push({ start, end: start + k });
    }
  };
  walk(index, 0, size);
  return out;
}

/** PROOF(m, D[n]) (RFC 6962 §2.1.2, SUBPROOF), as ranges. Empty when m is 0 or m equals n. */
export function consistencyRanges(m: number, n: number): LeafRange[] {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n)
    throw new RangeError(`no consistency proof from size ${m} to size ${n}`);
  const out: LeafRange[] = [];
  if (m === 0 || m === n) return out;
  const sub = (mm: number, start: number, end: number, whole: boolean): void => {
    const len = end - start;
    if (mm === len) {
      if (!whole) out.push({ start, end });
      return;
    }
    const k = splitPoint(len);
    if (mm <= k) {
      sub(mm, start, start + k, whole);
      out.push({ start: start + k, end });
    } else {
      sub(mm - k, start + k, end, false);
      out.push({ start, end: start + k });
    }
  };
  sub(m, 0, n, true);
  return out;
}

// Append-only typed arrays that grow by doubling: per-entry facts for a million-entry ledger
// without a million JS objects.
type Typed = Float64Array | Uint8Array;

class Growable<A extends Typed> {
  private buf: A;
  length = 0;
  constructor(private readonly make: (n: number) => A) {
    this.buf = make(1024);
  }
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = this.make(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  get(i: number): number {
    return this.buf[i];
  }
}

export class GrowableFloat64 extends Growable<Float64Array> {
  constructor() {
    super((n) => new Float64Array(n));
  }
}

export class GrowableUint8 extends Growable<Uint8Array> {
  constructor() {
    super((n) => new Uint8Array(n));
  }
}

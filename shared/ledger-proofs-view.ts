// What the ledger browser's entry pane and exports get from the transparency-log proofs
// (channels ledger:inclusion, ledger:evidence, ledger:receipt in shared/ipc/contract.ts).

export interface WitnessView {
  /** The witness's key name, as its vkey gives it. */
  name: string;
  /** Its 4-byte key hash, 8 hex digits. */
  keyHash: string;
  /** When it cosigned (ISO 8601). */
  time: string;
}

/** "Included in checkpoint N (signed by K, co-signed by W)" for one entry. */
export interface EntryInclusionView {
  index: number;
  /** true: a checkpoint note signed by the given log key includes the entry, and its root is the
   * file's tree root at that size. false: notes cover the entry, but none verified (`refused`). */
  verified: boolean;
  /** The smallest verified checkpoint holding the entry (its tree size); null when not verified. */
  checkpointSize: number | null;
  origin: string | null;
  /** The log's key name and hash, `NAME+KEYHASH`; null when not verified. */
  signer: string | null;
  /** The given witnesses that cosigned that checkpoint. */
  witnesses: WitnessView[];
  /** The checkpoint's time line; null when it has none (or it did not verify). */
  time: string | null;
  /** Notes that did not verify with the given keys, or whose root is not the file's. */
  refused: number;
}

/** A file for the renderer to save (evidence bundle, receipt note). */
export interface ProofDownload {
  fileName: string;
  content: string;
  mime: string;
}

// The transparency-log proofs the fake backend answers (ledger:inclusion and friends).
import type { EntryInclusionView } from '../../../shared/ipc/contract';

export const LOG_VKEY =
  'penin.local/88ab6acd5c12e51f+1a2b3c4d+AVNrZWxldG9uIGtleSBmb3IgdGhlIHJlbmRlcmVyIHRlc3Q=';
export const WITNESS_VKEY =
  'witness.example/w1+0badc0de+BExvb2tzIGxpa2UgYSB3aXRuZXNzIGtleSwgaXMgbm90IG9uZQ==';
export const OTHER_VKEY = 'penin.local/other+00000000+AQ==';

/** Entry `index` in checkpoint 1,000 of the fixture log (cosigned by w1 when its key was given). */
export function inclusionOf(index: number, cosigned = false): EntryInclusionView {
  return {
    index,
    verified: true,
    checkpointSize: 1000,
    origin: 'penin.local/88ab6acd5c12e51f/ledger.jsonl',
    signer: 'penin.local/88ab6acd5c12e51f+1a2b3c4d',
    witnesses: cosigned
      ? [{ name: 'witness.example/w1', keyHash: '0badc0de', time: '2025-11-25T10:00:05.000Z' }]
      : [],
    time: '2025-11-25T10:00:00.000Z',
    refused: 0,
  };
}

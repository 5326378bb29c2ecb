// The transparency-log proofs of an open ledger session (channels ledger:inclusion,
// ledger:evidence, ledger:receipt): which signed checkpoint note includes an entry, the entry's
// evidence bundle with its inclusion proof, and the auditor's signed verification receipt. Keys
// come as vkeys (public); the auditor's private key is a path main reads and never sends back.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Channels, EntryInclusionView } from '../../shared/ipc/contract';
import type { Handlers } from '../../shared/ipc/contract-kit';
import { PublicError } from '../ipc/public-error';
import { readSmallTextSync } from '../ledger/regular-file';
import { KeyFileError, loadPublicKey } from '../ledger/signing-key';
import { BadVkeyError, parseVkey, type Vkey } from '../ledger/note/vkey';
import { vkeyOfPublicKey } from '../ledger/note/checkpoint-signer';
import { noteSidecarPath } from '../ledger/note/note-sidecar';
import type { EntryInclusion } from '../ledger/proofs/entry-inclusion';
import { InclusionCache } from '../ledger/proofs/inclusion-cache';
import { latestInclusion } from '../ledger/proofs/evidence-inclusion';
import { checkNoteAnchors } from '../ledger/proofs/note-anchors';
import { AuditorKeyError, signVerificationReceipt } from '../ledger/proofs/receipt-note';
import { buildEvidence, NoSuchEntryError } from '../ledger/forensics/evidence-build';
import { toolVersion } from './app-identity';
import type { LedgerSessionLike } from './ledger-sessions';

export type LedgerProofChannel = 'ledger:inclusion' | 'ledger:evidence' | 'ledger:receipt';
export type LedgerProofHandlers = Pick<Handlers<Channels>, LedgerProofChannel>;

export interface LedgerProofDeps {
  /** The open session (throws the not_found PublicError when it is closed). */
  session: (sessionId: string) => LedgerSessionLike;
  version?: string;
  now?: () => Date;
}

/**
 * A log or witness key as the auditor gives it: a vkey string, or a file holding one (its first
 * line) or the writer's PEM public key (what the Signatures panel takes). A file's content is
 * never echoed back in an error: it could be anything the path names.
 */
export function resolveVkey(given: string): Vkey {
  const text = given.trim();
  try {
    return parseVkey(text);
  } catch (e) {
    if (!(e instanceof BadVkeyError)) throw e;
    if (!existsSync(text))
      throw new PublicError('bad_request', `not a vkey (NAME+KEYHASH+BASE64) nor a key file: ${e.message}`);
  }
  let content: string;
  try {
    content = readSmallTextSync(text, { maxBytes: 64 * 1024 });
  } catch (e) {
    throw new PublicError(
      'bad_request',
      `cannot read ${text}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (content.startsWith('-----BEGIN')) {
    try {
      const k = loadPublicKey(text);
      return vkeyOfPublicKey(k.publicKey, k.keyId);
    } catch (e) {
      if (e instanceof KeyFileError)
        throw new PublicError('bad_request', `cannot use ${text}: not an Ed25519 key`);
      throw e;
    }
  }
  try {
    return parseVkey(content.split('\n')[0]);
  } catch (e) {
    if (e instanceof BadVkeyError)
      throw new PublicError('bad_request', `${text} holds neither a vkey nor a PEM public key`);
    throw e;
  }
}

export function createLedgerProofHandlers(deps: LedgerProofDeps): LedgerProofHandlers {
  const version = (): string => deps.version ?? toolVersion();
  const inclusions = new InclusionCache();
  return {
    'ledger:inclusion': async ({ sessionId, index, vkey, witnesses }) => {
      const session = deps.session(sessionId);
      const log = resolveVkey(vkey);
      const ws = (witnesses ?? []).map(resolveVkey);
      return inclusionView(await inclusions.inclusion(session.path, index, log, ws));
    },
    'ledger:evidence': async ({ sessionId, index }) => {
      const session = deps.session(sessionId);
      const inclusion = await latestInclusion(session.path, index);
      try {
        const e = await buildEvidence(session.path, index, {
          version: version(),
          now: deps.now?.(),
          inclusion: inclusion.bundle,
        });
        return {
          fileName: `${basename(session.path)}.entry-${index}.evidence.json`,
          content: `${JSON.stringify(e, null, 2)}\n`,
          mime: 'application/json',
          inclusion: inclusion.bundle !== null,
        };
      } catch (e) {
        if (e instanceof NoSuchEntryError) throw new PublicError('not_found', e.message);
        throw e;
      }
    },
    'ledger:receipt': async ({ sessionId, auditorKeyPath, vkey, witnesses }) => {
      const session = deps.session(sessionId);
      if (!session.progress().done)
        throw new PublicError(
          'unavailable',
          'verification is still running: sign the receipt once it is done',
        );
      const report = session.report();
      const notes =
        vkey === undefined
          ? null
          : await checkNoteAnchors(
              session.path,
              noteSidecarPath(session.path),
              resolveVkey(vkey),
              (witnesses ?? []).map(resolveVkey),
              report.bytes,
            );
      const breaks = [...report.breaks, ...(notes?.breaks ?? [])].sort((a, b) => a.index - b.index);
      try {
        const { note, signedBy } = await signVerificationReceipt(
          auditorKeyPath,
          {
            path: session.path,
            bytes: report.bytes,
            entries: report.entries,
            checkpoint: notes?.latest ?? null,
            valid: report.valid && breaks.length === 0,
            breaks,
          },
          `penin ${version()}`,
          deps.now?.(),
        );
        return { fileName: `${basename(session.path)}.receipt`, content: note, mime: 'text/plain', signedBy };
      } catch (e) {
        // The key's path and what is wrong with it; never its content.
        if (e instanceof AuditorKeyError) throw new PublicError('bad_request', `auditor key: ${e.message}`);
        throw e;
      }
    },
  };
}

function inclusionView(r: EntryInclusion): EntryInclusionView | null {
  const c = r.checkpoint;
  if (c === null && r.refused === 0) return null;
  return {
    index: r.index,
    verified: c !== null,
    checkpointSize: c?.size ?? null,
    origin: c?.origin ?? null,
    signer: c?.signedBy ?? null,
    witnesses: (c?.witnesses ?? []).map((w) => ({ name: w.name, keyHash: w.keyHash, time: w.time })),
    time: c?.time ?? null,
    refused: r.refused,
  };
}

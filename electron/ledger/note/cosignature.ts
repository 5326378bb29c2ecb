// c2sp.org/tlog-cosignature, Ed25519 (type 0x04): a witness signs "cosignature/v1\ntime <t>\n"
// followed by the checkpoint body, and its signature line carries an 8-byte big-endian POSIX
// timestamp before the 64-byte signature.
export const COSIGNATURE_HEADER = 'cosignature/v1\n';

export function cosignedMessage(body: string, timestamp: bigint): Buffer {
  return Buffer.from(`${COSIGNATURE_HEADER}time ${timestamp.toString()}\n${body}`, 'utf8');
}

/** The signature bytes after the key ID: timestamp || Ed25519 signature. */
export function packCosignature(timestamp: bigint, sig: Uint8Array): Buffer {
  const out = Buffer.alloc(8 + sig.length);
  out.writeBigUInt64BE(timestamp, 0);
  Buffer.from(sig).copy(out, 8);
  return out;
}

export function unpackCosignature(bytes: Buffer): { timestamp: bigint; sig: Buffer } | null {
  if (bytes.length !== 8 + 64) return null;
  const timestamp = bytes.readBigUInt64BE(0);
  if (timestamp > 2n ** 63n - 1n) return null;
  return { timestamp, sig: bytes.subarray(8) };
}

// `penin keygen KEYFILE`: a new Ed25519 signing key for a ledger's checkpoints (KEYFILE, 0600)
// and its public key for auditors (KEYFILE.pub).
import { existsSync } from 'node:fs';
import { loadOrCreateSigningKey } from '../ledger/signing-key';
import { vkeyOfPublicKey } from '../ledger/note/checkpoint-signer';
import { formatVkey } from '../ledger/note/vkey';

export async function runKeygen(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0].startsWith('--')) {
    process.stderr.write('usage: penin keygen KEYFILE   (writes KEYFILE, mode 0600, and KEYFILE.pub)\n');
    return 2;
  }
  if (existsSync(argv[0])) {
    process.stderr.write(`penin keygen: ${argv[0]} exists; refusing to overwrite a signing key\n`);
    return 2;
  }
  const key = loadOrCreateSigningKey(argv[0]);
  const v = vkeyOfPublicKey(key.publicKey, key.keyId);
  process.stdout.write(
    `key id ${key.keyId}\nprivate key ${argv[0]} (keep it secret)\npublic key ${argv[0]}.pub (give it to auditors)\n` +
      `vkey ${formatVkey(v.name, v.alg, v.publicKey)}\n`,
  );
  return 0;
}

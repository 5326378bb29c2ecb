// Where the desktop app keeps its data, under Electron's userData directory.
import { join } from 'node:path';

export interface DataLayout {
  root: string;
  /** Gateway configuration (JSON); written with the defaults on first run, for the user to edit. */
  config: string;
  /** The core's data directory: gateway-token (0600) lives here. */
  coreDir: string;
  /** Base path of the cache's HMAC key: `.enc` when encrypted with the OS keychain, else a 0600 file. */
  cacheKey: string;
  /** The live WORM ledger the embedded gateway appends to. */
  ledger: string;
  /** The Ed25519 key (PEM, 0600) the live ledger's checkpoints are signed with. */
  ledgerSigningKey: string;
  /** Its public key (PEM), `${ledgerSigningKey}.pub`: what an auditor checks the checkpoints with. */
  ledgerPublicKey: string;
  /** File ▸ Open Recent. */
  recent: string;
}

export function dataLayout(userData: string): DataLayout {
  return {
    root: userData,
    config: join(userData, 'config.json'),
    coreDir: join(userData, 'core'),
    cacheKey: join(userData, 'core', 'cache-hmac.key'),
    ledger: join(userData, 'ledger', 'penin-ledger.jsonl'),
    ledgerSigningKey: join(userData, 'ledger-signing-key.pem'),
    ledgerPublicKey: join(userData, 'ledger-signing-key.pem.pub'),
    recent: join(userData, 'recent.json'),
  };
}

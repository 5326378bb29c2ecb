// Starts the router core the desktop app embeds, with everything under userData: the config
// (written with the defaults on first run), the gateway token, the cache's HMAC key (encrypted
// with the OS keychain when available) and the live ledger, whose checkpoints are signed with an
// Ed25519 key kept there too (ledger-signing-key.pem, 0600, and its .pub for auditors). Plain
// Node: the cipher is a parameter.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfigFile, type Config } from '../core/config/config';
import { createCore, DEFAULT_GATEWAY_PORT, type Core } from '../core/core';
import { defaultConfigInput } from '../core/config/default-config';
import { loadOrCreateSigningKey } from '../ledger/signing-key';
import { LedgerWriter } from '../ledger/writer';
import type { DataLayout } from './data-layout';
import { loadOrCreateSealedSecret, type SecretCipher } from './secret-store';

/**
 * In the app, the ledger's fdatasync always runs in the thread pool: this is Electron's main
 * process, which must never wait on the disk (a drive that stalls for 100 ms would freeze the
 * windows' IPC for as long). `penin serve` keeps the adaptive policy (sync-policy.ts), which syncs
 * on the event loop while the disk is fast: a lower median latency and less CPU per request.
 */
const MAIN_PROCESS_SYNC = { inlineLimitMs: 0 } as const;

export interface EmbeddedCoreOptions {
  layout: DataLayout;
  cipher: SecretCipher | null;
  /** Default DEFAULT_GATEWAY_PORT, falling back to any free port when it is taken. */
  port?: number;
  env?: NodeJS.ProcessEnv;
}

export interface EmbeddedCore {
  core: Core;
  writer: LedgerWriter;
  keyStorage: 'encrypted' | 'file';
  /** The live ledger's public key (PEM): ConsoleServiceOptions.livePublicKeyPath. */
  livePublicKeyPath: string;
  /** Stops the gateway, then closes the ledger. */
  close(): Promise<void>;
}

export async function startEmbeddedCore(options: EmbeddedCoreOptions): Promise<EmbeddedCore> {
  const { layout } = options;
  const config = loadOrCreateConfig(layout.config);
  mkdirSync(layout.coreDir, { recursive: true, mode: 0o700 });
  const key = loadOrCreateSealedSecret(layout.cacheKey, options.cipher);
  const signingKey = loadOrCreateSigningKey(layout.ledgerSigningKey); // also (re)writes its .pub
  const publicKeyPath = layout.ledgerPublicKey;
  const writer = await LedgerWriter.open(layout.ledger, {
    checkpoints: { key: signingKey },
    sync: MAIN_PROCESS_SYNC,
  });
  try {
    const base = {
      dataDir: layout.coreDir,
      config,
      ledger: writer,
      ledgerPath: layout.ledger,
      cacheKey: Buffer.from(key.value, 'hex'),
      env: options.env,
    };
    const port = options.port ?? DEFAULT_GATEWAY_PORT;
    let core: Core;
    try {
      core = await createCore({ ...base, port });
    } catch (error: unknown) {
      if (port === 0 || !(error instanceof Error) || !/EADDRINUSE|EACCES/.test(error.message)) throw error;
      core = await createCore({ ...base, port: 0 });
    }
    const c = core;
    return {
      core: c,
      writer,
      keyStorage: key.storage,
      livePublicKeyPath: publicKeyPath,
      async close() {
        await c.close();
        await writer.close();
      },
    };
  } catch (error: unknown) {
    await writer.close().catch(() => undefined);
    throw error;
  }
}

/** Reads the config file, or writes the defaults there first (so the user has a file to edit). */
export function loadOrCreateConfig(path: string): Config {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(defaultConfigInput, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, path);
  }
  return loadConfigFile(path);
}

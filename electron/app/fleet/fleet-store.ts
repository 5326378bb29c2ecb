// Where the attached instances are kept between runs: their names and URLs in `fleet.json`
// (0600, replaced atomically), each token apart as a secret (secret-store.ts: sealed with the OS
// keychain when there is one, else a 0600 file; never in fleet.json, never sent to a window).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadOrCreateSealedSecret, type SecretCipher } from '../secret-store';

export interface StoredInstance {
  id: string;
  name: string;
  url: string;
}

const fileSchema = z.object({
  version: z.literal(1),
  instances: z
    .array(
      z.object({
        id: z.string().regex(/^[0-9a-f]{16}$/),
        name: z.string().min(1).max(100),
        url: z.string().min(1).max(2048),
      }),
    )
    .max(100),
});

export interface FleetStore {
  list(): StoredInstance[];
  save(instances: StoredInstance[]): void;
  saveToken(id: string, token: string): void;
  loadToken(id: string): string;
  removeToken(id: string): void;
}

export function newInstanceId(): string {
  return randomBytes(8).toString('hex');
}

/** Kept under `dir` (fleet.json, fleet-tokens/ID[.enc]). */
export function fileFleetStore(dir: string, cipher: SecretCipher | null): FleetStore {
  const listPath = join(dir, 'fleet.json');
  const tokenBase = (id: string): string => {
    if (!/^[0-9a-f]{16}$/.test(id)) throw new Error('bad instance id');
    return join(dir, 'fleet-tokens', id);
  };
  return {
    list() {
      let text: string;
      try {
        text = readFileSync(listPath, 'utf8');
      } catch {
        return [];
      }
      const parsed = fileSchema.safeParse(safeJson(text));
      return parsed.success ? parsed.data.instances : [];
    },
    save(instances) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const tmp = `${listPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ version: 1, instances }, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, listPath);
    },
    saveToken(id, token) {
      const stored = loadOrCreateSealedSecret(tokenBase(id), cipher, () => token);
      if (!stored.created && stored.value !== token) throw new Error('a token is already kept for this id');
    },
    loadToken(id) {
      return loadOrCreateSealedSecret(tokenBase(id), cipher, () => {
        throw new Error('its token is missing; detach it and attach it again');
      }).value;
    },
    removeToken(id) {
      rmSync(tokenBase(id), { force: true });
      rmSync(`${tokenBase(id)}.enc`, { force: true });
    },
  };
}

/** Nothing kept between runs (tests, or no data folder). */
export function memoryFleetStore(): FleetStore {
  let instances: StoredInstance[] = [];
  const tokens = new Map<string, string>();
  return {
    list: () => instances.map((i) => ({ ...i })),
    save: (next) => {
      instances = next.map((i) => ({ ...i }));
    },
    saveToken: (id, token) => void tokens.set(id, token),
    loadToken: (id) => {
      const t = tokens.get(id);
      if (t === undefined) throw new Error('its token is missing');
      return t;
    },
    removeToken: (id) => void tokens.delete(id),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

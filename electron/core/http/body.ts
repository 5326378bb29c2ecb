// Reading a request body as JSON, with size and nesting limits and a clear error for each kind of bad input.
import type { IncomingMessage } from 'node:http';
import { errors, type GatewayError } from '../model/errors';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-depth';

/** Largest request body accepted (a long conversation with some images fits). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; error: GatewayError };

/** Collects the body with plain events (cheaper than async iteration on the hot path). */
function collect(req: IncomingMessage, limit: number): Promise<Buffer[] | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('the client went away while sending the body'));
    });
  });
}

export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return { ok: false, error: errors.payloadTooLarge(limit) };
  const chunks = await collect(req, limit);
  if (chunks === null) return { ok: false, error: errors.payloadTooLarge(limit) };
  if (chunks.length === 0)
    return { ok: false, error: errors.invalidRequest('Request body is empty: expected a JSON object.') };
  if (jsonNestsDeeperThan(chunks))
    return {
      ok: false,
      error: errors.invalidRequest(
        `Request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep; no chat request needs that.`,
        null,
        'json_too_deep',
      ),
    };
  const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return {
      ok: false,
      error: errors.invalidRequest(`Request body is not valid JSON: ${(e as Error).message}`),
    };
  }
}

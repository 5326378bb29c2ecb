// What a remote `penin serve` may say, checked with zod before anything is believed: the wire
// messages of shared/ipc/transport.ts, and the parts of the responses the Fleet screen reads.
// Unknown keys are dropped (zod objects strip them), sizes are bounded, numbers must be finite.
import { z } from 'zod';
import type { ServerMessage } from '../../../shared/ipc/transport';

const wireError = z.object({
  code: z.enum(['bad_request', 'forbidden', 'not_found', 'internal', 'unavailable']),
  message: z.string().max(100_000),
});

const serverMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: wireError }),
    ]),
  }),
  z.object({ type: z.literal('event'), event: z.string().max(200), payload: z.unknown() }),
]);

/** A server message, or null when the text is not exactly one (the connection is then dropped). */
export function parseServerMessage(text: string): ServerMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = serverMessage.safeParse(value);
  return parsed.success ? (parsed.data as ServerMessage) : null;
}

const usd = z.number().finite().nonnegative();
const count = z.number().int().nonnegative();

/** budget:get, as far as the fleet reads it; `fleet` only when the gateway shares a Redis budget. */
export const remoteBudget = z.object({
  dailyLimitUsd: usd,
  spendUsd: usd,
  requests: count,
  at: z.number().finite(),
  fleet: z
    .object({
      instance: z.string().min(1).max(200),
      instances: z
        .array(z.object({ name: z.string().min(1).max(200), spentUsd: usd, requests: count }))
        .max(1000),
    })
    .optional()
    .catch(undefined),
});
export type RemoteBudget = z.infer<typeof remoteBudget>;

/** breakers:list: each provider's state. */
export const remoteBreakers = z
  .array(
    z.object({
      provider: z.string().min(1).max(200),
      state: z.enum(['closed', 'open', 'half_open']),
    }),
  )
  .max(500);
export type RemoteBreakers = z.infer<typeof remoteBreakers>;

/** requests:recent: when each was recorded. */
export const remoteRecent = z.array(z.object({ at: z.number().finite() })).max(200);
export type RemoteRecent = z.infer<typeof remoteRecent>;

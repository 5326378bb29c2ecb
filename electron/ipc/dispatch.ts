// The one place a request meets a handler, shared by both transports (Electron IPC and the
// `penin serve` WebSocket): unknown channel → not_found; request parsed with the channel's zod
// schema → bad_request naming the field; handler run; anything thrown → a WireError, never a
// stack trace.
import type { z } from 'zod';
import type { AnyChannels, Handlers, WireError, WireResult } from '../../shared/ipc/contract-kit';
import { isPublicError } from './public-error';

export interface Dispatcher {
  /** The channel names this dispatcher answers, in contract order. */
  readonly names: readonly string[];
  dispatch(name: string, rawRequest: unknown): Promise<WireResult<unknown>>;
}

export interface DispatcherOptions {
  /** Where unexpected handler errors are reported (with their stack); defaults to console.error. */
  logError?: (channel: string, error: unknown) => void;
}

type AnyHandler = (req: unknown) => unknown;

export function createDispatcher<C extends AnyChannels>(
  channels: C,
  handlers: Handlers<C>,
  options: DispatcherOptions = {},
): Dispatcher {
  const names = Object.keys(channels);
  for (const name of names) {
    if (typeof (handlers as Record<string, unknown>)[name] !== 'function') {
      throw new Error(`no handler for channel "${name}"`);
    }
  }
  const logError = options.logError ?? ((channel, error) => console.error(`[ipc] ${channel} failed:`, error));

  async function dispatch(name: string, rawRequest: unknown): Promise<WireResult<unknown>> {
    if (typeof name !== 'string' || !Object.hasOwn(channels, name)) {
      return fail('not_found', `unknown channel "${String(name).slice(0, 100)}"`);
    }
    const handler = (handlers as Record<string, AnyHandler>)[name];
    try {
      const parsed = channels[name].request.safeParse(rawRequest ?? {});
      if (!parsed.success) return fail('bad_request', describeIssues(name, parsed.error.issues));
      const value: unknown = await handler(parsed.data);
      return { ok: true, value: value === undefined ? null : value };
    } catch (error: unknown) {
      if (isPublicError(error)) return fail(error.code, error.message);
      logError(name, error);
      return fail('internal', `internal error while handling "${name}"`);
    }
  }

  return { names, dispatch };
}

function fail(code: WireError['code'], message: string): WireResult<unknown> {
  return { ok: false, error: { code, message } };
}

/** "ledger:rows: from: Too small: expected number to be >=0; request: Unrecognized key: "x"" */
export function describeIssues(channel: string, issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 5).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
    return `${field}: ${issue.message}`;
  });
  if (issues.length > 5) parts.push(`and ${issues.length - 5} more`);
  return `invalid request for "${channel}": ${parts.join('; ')}`;
}

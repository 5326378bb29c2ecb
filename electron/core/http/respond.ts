// Writing answers: JSON bodies and OpenAI-shaped errors.
import type { ServerResponse } from 'node:http';
import type { GatewayError } from '../model/errors';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Sends a JSON text with a status (and extra headers). */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, { ...headers, 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The header naming the ledger entry that records the answer (its decision_id). */
export const DECISION_ID_HEADER = 'x-penin-decision-id';

/** A chat completion (200); flat header list, no header object built per answer. */
export function sendCompletion(res: ServerResponse, text: string, cache: string, decisionId: string): void {
  res.writeHead(200, [
    'content-type',
    JSON_TYPE,
    'content-length',
    String(Buffer.byteLength(text)),
    'x-penin-cache',
    cache,
    DECISION_ID_HEADER,
    decisionId,
  ]);
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendJsonText(res, status, JSON.stringify(value));
}

/**
 * Sends an OpenAI-shaped error, naming its ledger entry when it has one (the router's refusals
 * and failures do; a malformed request never reached the ledger); if a response is already under
 * way, just ends it.
 */
export function sendError(res: ServerResponse, err: GatewayError, decisionId?: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const headers =
    decisionId === undefined ? err.headers : { ...err.headers, [DECISION_ID_HEADER]: decisionId };
  sendJsonText(res, err.status, err.json(), headers);
}

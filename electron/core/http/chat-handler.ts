// POST /v1/chat/completions: read and validate the body, hand it to the router, write the answer.
// Every answer the router gives names its ledger entry (x-penin-decision-id).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseChatRequest } from '../model/chat-request-check';
import type { Router } from '../routing/router';
import { readJsonBody } from './body';
import { errors } from '../model/errors';
import { sendCompletion, sendError } from './respond';
import { SseSink } from './sse-sink';

export async function handleChatCompletions(
  router: Router,
  req: IncomingMessage,
  res: ServerResponse,
  startedAt: number,
): Promise<void> {
  const body = await readJsonBody(req);
  if (!body.ok) return sendError(res, body.error);
  const parsed = parseChatRequest(body.value);
  if (!parsed.ok) return sendError(res, errors.invalidRequest(parsed.message, parsed.param));

  const cc = req.headers['cache-control'];
  const decisionId = randomUUID();
  const route = {
    req: parsed.request,
    cacheControl: Array.isArray(cc) ? cc.join(',') : cc,
    startedAt,
    decisionId,
  };
  if (parsed.request.stream === true) {
    const error = await router.stream(route, new SseSink(res, decisionId));
    if (error) sendError(res, error, decisionId);
    return;
  }
  const answer = await router.complete(route);
  if (answer.ok) sendCompletion(res, answer.body, answer.cache, decisionId);
  else sendError(res, answer.error, decisionId);
}

// The hard limit holds under concurrency (issue 13.0): the reservation is an upper bound of what a
// request can cost, so however many requests race for the last of the budget, the ledger's settled
// total never passes the limit. The case from the issue, exactly: a $0.10 daily limit, a provider
// that reports 12 prompt + 8 completion tokens for "hi" (as real chat templates do) at prices that
// make it $0.001 a request, and 400 concurrent requests from the official OpenAI SDK. The upstream
// holds its answers until every request has either reached it or been refused, so all the admitted
// ones are in flight at once (the worst case, and what a slow real provider does). Before the fix
// the reservation was an estimate (chars / 4 + 4 per message = 5 + 8 tokens): 146 were admitted
// and $0.146 spent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { FakeUpstream } from './fake-upstream';
import { costOf, MODEL, providerFor, startCore, testConfig, TOKEN, type Running } from './harness';

const LIMIT_USD = 0.1;
/** $50 per million tokens either way: 12 + 8 tokens cost exactly $0.001. */
const PRICE = { inputPerMTok: 50, outputPerMTok: 50 };
const PER_REQUEST_USD = 0.001;
const CONCURRENT = 400;
const hi = [{ role: 'user' as const, content: 'hi' }];

let up: FakeUpstream;
let gw: Running;
let refusedSoFar = 0;
let releaseAll: () => void = () => {};
/** Opens once every request has reached the upstream or been refused. */
let allIn: Promise<void>;

function checkAllIn(): void {
  if (up.count + refusedSoFar >= CONCURRENT) releaseAll();
}
/** The official SDK, with a timeout for 400 requests on a busy machine (the harness's is 10 s). */
let client: OpenAI;

beforeEach(async () => {
  up = await FakeUpstream.start('openai', 'fake');
  refusedSoFar = 0;
  allIn = new Promise<void>((resolve) => (releaseAll = resolve));
  up.always({
    kind: 'ok',
    text: 'Hello!',
    usage: { prompt: 12, completion: 8 },
    after: () => {
      checkAllIn();
      return allIn;
    },
  });
  gw = await startCore(
    testConfig([providerFor(up, { timeoutMs: 20_000, models: [{ id: MODEL, ...PRICE }] })], {
      dailyLimitUsd: LIMIT_USD,
    }),
  );
  client = new OpenAI({ baseURL: `${gw.core.url}/v1`, apiKey: TOKEN, maxRetries: 0, timeout: 100_000 });
});

afterEach(async () => {
  await gw.close();
  await up.close();
});

type Result = 'served' | 'refused';

/** 'refused' for the gateway's 429 budget_exceeded; anything else fails the test. */
function outcome(p: Promise<unknown>): Promise<Result> {
  return p.then(
    () => 'served' as const,
    (e: unknown) => {
      if (e instanceof OpenAI.RateLimitError && e.code === 'budget_exceeded') {
        refusedSoFar += 1;
        checkAllIn();
        return 'refused' as const;
      }
      throw e;
    },
  );
}

/** Micro-dollars, so that summing many costs does not drift. */
const micro = (usd: number): number => Math.round(usd * 1e6);

function checkLedger(results: Result[]): void {
  const served = results.filter((r) => r === 'served').length;
  expect(served).toBeGreaterThan(0);
  expect(served).toBeLessThanOrEqual(LIMIT_USD / PER_REQUEST_USD);
  expect(results.length - served).toBeGreaterThan(0); // the limit was reached: some were refused

  // The ledger, not the tracker: every request has one entry and their cost never passes the limit.
  const decisions = gw.ledger.decisions;
  expect(decisions.length).toBe(CONCURRENT);
  expect(decisions.filter((d) => d.decision === 'ROUTE').length).toBe(served);
  const ledgerMicro = decisions.reduce((s, d) => s + micro(costOf(d)), 0);
  expect(ledgerMicro).toBe(served * micro(PER_REQUEST_USD));
  expect(ledgerMicro).toBeLessThanOrEqual(micro(LIMIT_USD));
  expect(decisions.some((d) => d.violations?.includes('reservation_exceeded'))).toBe(false);

  const snap = gw.core.budgetView.snapshot();
  expect(snap.reservedUsd).toBe(0);
  expect(micro(snap.spendUsd)).toBe(ledgerMicro);
  expect(up.count).toBe(served);
}

describe('the hard limit under 400 concurrent requests', () => {
  it('plain: the ledger total never passes the $0.10 limit, and at most 100 are served', async () => {
    const results = await Promise.all(
      Array.from({ length: CONCURRENT }, () =>
        outcome(client.chat.completions.create({ model: MODEL, messages: hi, max_tokens: 8 })),
      ),
    );
    checkLedger(results);
  }, 120_000);

  it('streaming (usage in the final chunk): the same', async () => {
    const results = await Promise.all(
      Array.from({ length: CONCURRENT }, () =>
        outcome(
          (async () => {
            const stream = await client.chat.completions.create({
              model: MODEL,
              messages: hi,
              max_tokens: 8,
              stream: true,
              stream_options: { include_usage: true },
            });
            let usage: OpenAI.CompletionUsage | null | undefined = null;
            for await (const chunk of stream) usage = chunk.usage ?? usage;
            expect(usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 8 });
          })(),
        ),
      ),
    );
    expect(gw.ledger.decisions.every((d) => d.metrics?.stream === true)).toBe(true);
    checkLedger(results);
  }, 120_000);
});

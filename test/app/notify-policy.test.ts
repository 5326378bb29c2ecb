// When an alert also becomes an OS notification: never while the window is in front, once per
// topic per 30 s, but always when the news turns.
import { describe, expect, it } from 'vitest';
import { createNotifyPolicy } from '../../electron/app/notify-policy';
import type { Alert } from '../../shared/domain';

const alert = (topic: string, tone: Alert['tone']): Alert => ({
  alertId: `${topic}-${tone}`,
  at: 0,
  tone,
  topic,
  title: topic,
  body: '',
  screen: 'breakers',
});

describe('notify policy', () => {
  it('stays quiet while the window is focused (the toast says it there)', () => {
    const p = createNotifyPolicy(30_000, () => 0);
    expect(p.shouldNotify(alert('breaker:a', 'bad'), true)).toBe(false);
    expect(p.shouldNotify(alert('breaker:a', 'bad'), false)).toBe(true);
  });

  it('notifies a flapping topic once per gap, but a turn in the news at once', () => {
    let now = 0;
    const p = createNotifyPolicy(30_000, () => now);
    expect(p.shouldNotify(alert('breaker:a', 'bad'), false)).toBe(true);
    now = 10_000;
    expect(p.shouldNotify(alert('breaker:a', 'bad'), false)).toBe(false);
    expect(p.shouldNotify(alert('breaker:b', 'bad'), false)).toBe(true); // another topic
    expect(p.shouldNotify(alert('breaker:a', 'ok'), false)).toBe(true); // it closed
    now = 20_000;
    expect(p.shouldNotify(alert('breaker:a', 'bad'), false)).toBe(true); // and opened again
    now = 49_999;
    expect(p.shouldNotify(alert('breaker:a', 'bad'), false)).toBe(false);
    now = 50_000;
    expect(p.shouldNotify(alert('breaker:a', 'bad'), false)).toBe(true);
  });
});

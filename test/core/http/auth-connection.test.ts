// BearerAuth.checkOn: the per-connection memory of a header that passed never lets another header through.
import { describe, expect, it } from 'vitest';
import { BearerAuth } from '../../../electron/core/http/auth';

const TOKEN = 'the-right-token-123';

describe('BearerAuth.checkOn', () => {
  it('answers as check() does, on first sight and on repeats', () => {
    const auth = new BearerAuth(TOKEN);
    const conn = {};
    for (let i = 0; i < 3; i++) {
      expect(auth.checkOn(conn, `Bearer ${TOKEN}`)).toBeNull();
      expect(auth.checkOn(conn, 'Bearer wrong')).toMatch(/Incorrect/);
      expect(auth.checkOn(conn, undefined)).toMatch(/Missing/);
      expect(auth.checkOn(conn, 'Basic abc')).toMatch(/Malformed/);
    }
  });

  it('remembers per connection only, and forgets after a refusal', () => {
    const auth = new BearerAuth(TOKEN);
    const a = {};
    const b = {};
    expect(auth.checkOn(a, `Bearer ${TOKEN}`)).toBeNull();
    expect(auth.checkOn(b, 'Bearer wrong')).toMatch(/Incorrect/);
    expect(auth.checkOn(a, 'Bearer wrong')).toMatch(/Incorrect/);
    expect(auth.checkOn(a, `Bearer ${TOKEN}`)).toBeNull();
    expect(new BearerAuth('another-token-456').checkOn(a, `Bearer ${TOKEN}`)).toMatch(/Incorrect/);
  });
});

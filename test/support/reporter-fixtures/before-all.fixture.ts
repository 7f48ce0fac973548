// A suite whose beforeAll fails (as when redis-server cannot start): its two tests never run; the skipped one stays skipped.
import { beforeAll, describe, expect, it } from 'vitest';

describe('needs a server', () => {
  beforeAll(() => {
    throw new Error('redis-server could not start');
  });
  it('uses it', () => expect(1).toBe(1));
  it.skip('is skipped on purpose', () => undefined);
  it('uses it again', () => expect(1).toBe(1));
});
it('does not need it', () => expect(1).toBe(1));

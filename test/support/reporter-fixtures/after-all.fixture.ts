// Every test passes but the teardown fails: one failure.
import { afterAll, expect, it } from 'vitest';

afterAll(() => {
  throw new Error('teardown failed');
});
it('passes', () => expect(1).toBe(1));

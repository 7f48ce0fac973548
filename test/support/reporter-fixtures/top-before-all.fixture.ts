// A file-level beforeAll that fails: the file's only test never runs.
import { beforeAll, expect, it } from 'vitest';

beforeAll(() => {
  throw new Error('setup failed');
});
it('would pass', () => expect(1).toBe(1));

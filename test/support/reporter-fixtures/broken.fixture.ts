// A file that cannot even be collected: one failure.
import { it } from 'vitest';

throw new Error('broken at import');
it('is never collected', () => undefined);

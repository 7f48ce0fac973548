/** `.env.example` documents every variable the configuration reads, and no other. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { Config } from '../src/config.ts';

it('lists exactly the variables of the config schema', () => {
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
  const documented = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]).sort();
  expect(documented).toEqual(Object.keys(Config.shape).sort());
});

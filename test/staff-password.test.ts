/**
 * `npm run staff-password` as a bureau's administrator runs it: the password piped in, its argon2id hash out,
 * and that hash is one the dashboard's sign-in accepts (and only for that password).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { verify } from '@node-rs/argon2';
import { describe, expect, it, vi } from 'vitest';
import { MIN_PASSWORD_LENGTH } from '../src/adapters/web/staff-auth.ts';

vi.setConfig({ testTimeout: 120_000 });
const ROOT = fileURLToPath(new URL('../', import.meta.url));

function staffPassword(input: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/staff-password.ts'], { cwd: ROOT, input, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
}

describe('npm run staff-password', () => {
  it('prints an argon2id hash of the first line piped in, and never the password', async () => {
    const run = staffPassword('正确的马电池订书钉很牢\nsecond line is not part of it\n');
    expect(run.status).toBe(0);
    const hash = run.stdout.trim();
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(run.stdout + run.stderr).not.toContain('正确的马电池订书钉很牢');
    expect(await verify(hash, '正确的马电池订书钉很牢')).toBe(true);
    expect(await verify(hash, '正确的马电池订书钉很牢\nsecond line is not part of it')).toBe(false);
  });

  it('refuses a password shorter than the minimum, with a message and exit 1', () => {
    const run = staffPassword(`${'密'.repeat(MIN_PASSWORD_LENGTH - 1)}\r\n`);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`at least ${MIN_PASSWORD_LENGTH} characters`);
  });
});

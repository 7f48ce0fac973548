/**
 * `npm run staff-password`: reads a password (typed without echo, or piped) and prints its argon2id hash for
 * the `passwordHash` of a staff member in STAFF_FILE. The password itself is never written anywhere.
 */
import { hashPassword, MIN_PASSWORD_LENGTH } from './adapters/web/staff-auth.ts';

async function readPassword(): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) text += String(chunk);
    return text.split('\n')[0]?.replace(/\r$/, '') ?? '';
  }
  process.stderr.write('Password (not shown): ');
  input.setRawMode(true);
  let password = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          input.setRawMode(false);
          input.off('data', onData);
          input.pause();
          process.stderr.write('\n');
          return resolve(password);
        }
        if (char === '\u0003') process.exit(130);
        password = char === '\u007f' ? password.slice(0, -1) : password + char;
      }
    };
    input.on('data', onData);
  });
}

const password = await readPassword();
if ([...password].length < MIN_PASSWORD_LENGTH) {
  console.error(`A staff password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  process.exitCode = 1;
} else {
  console.log(await hashPassword(password));
}

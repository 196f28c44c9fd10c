/**
 * `npm run users` (scripts/users.ts) run for real as a child process against this file's own
 * SQLite (DATABASE_PATH is inherited), with the password on standard input; what it did is read
 * back through the models.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getUserByEmail, listUsers, verifyLogin } from '~/models/user.server';

const TSX = path.resolve('node_modules/.bin/tsx');

function users(args: string[], input = '') {
  const result = spawnSync(TSX, ['scripts/users.ts', ...args], { input, encoding: 'utf8', env: process.env });
  const output = `${result.stdout}${result.stderr}`;
  // Whatever went wrong, nobody sees a stack trace.
  expect(output).not.toMatch(/\n\s+at /);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each command is a child process (about a second each); allow for a busy machine.
describe('npm run users', { timeout: 90_000 }, () => {
  it('adds an account with the password read from standard input, and never prints it', async () => {
    const password = 'cli passphrase number one';
    const result = users(
      ['add', '--email', 'CLI.Admin@Example.org', '--name', 'Cli Admin', '--role', 'admin'],
      `${password}\n`,
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Added admin cli.admin@example.org (Cli Admin)');
    expect(result.stdout + result.stderr).not.toContain(password);
    expect(getUserByEmail('cli.admin@example.org')?.role).toBe('admin');
    expect((await verifyLogin('cli.admin@example.org', password))?.name).toBe('Cli Admin');
  });

  it('refuses a password given as a flag, a short password, a bad role and a duplicate, changing nothing', () => {
    const before = listUsers().length;
    const flag = users([
      'add',
      '--email',
      'flag@example.org',
      '--name',
      'F',
      '--role',
      'editor',
      '--password',
      'x'.repeat(20),
    ]);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('Passwords are never given as a flag; they are read from standard input.');

    const short = users(['add', '--email', 'short@example.org', '--name', 'S', '--role', 'editor'], 'short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('Password refused: Use at least 12 characters.');

    const role = users(
      ['add', '--email', 'role@example.org', '--name', 'R', '--role', 'owner'],
      'long enough password\n',
    );
    expect(role.status).toBe(2);
    expect(role.stderr).toContain('--role must be editor or admin, not "owner".');

    const missing = users(['add', '--email', 'missing@example.org'], 'long enough password\n');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Missing --name, --role.');

    users(['add', '--email', 'dup@example.org', '--name', 'D', '--role', 'editor'], 'long enough password\n');
    const dup = users(
      ['add', '--email', 'DUP@example.org', '--name', 'D2', '--role', 'editor'],
      'long enough password\n',
    );
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain('There is already an account for dup@example.org.');
    expect(listUsers().length).toBe(before + 1);
  });

  it('lists, changes roles, disables, enables and resets passwords', async () => {
    users(['add', '--email', 'ed@example.org', '--name', 'Ed Itor', '--role', 'editor'], 'first passphrase here\n');
    const list = users(['list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^email\s+name\s+role\s+status\s+sessions$/m);
    expect(list.stdout).toMatch(/^ed@example\.org\s+Ed Itor\s+editor\s+active\s+0$/m);

    expect(users(['set-role', '--email', 'ed@example.org', '--role', 'admin']).stdout).toContain(
      'ed@example.org is now an admin.',
    );
    expect(getUserByEmail('ed@example.org')?.role).toBe('admin');

    expect(users(['disable', '--email', 'ED@example.org']).status).toBe(0);
    expect(await verifyLogin('ed@example.org', 'first passphrase here')).toBeNull();
    expect(users(['list']).stdout).toMatch(/^ed@example\.org\s+Ed Itor\s+admin\s+disabled\s+0$/m);
    expect(users(['enable', '--email', 'ed@example.org']).status).toBe(0);
    expect(await verifyLogin('ed@example.org', 'first passphrase here')).not.toBeNull();

    const reset = users(['reset-password', '--email', 'ed@example.org'], 'second passphrase here\n');
    expect(reset.status).toBe(0);
    expect(await verifyLogin('ed@example.org', 'first passphrase here')).toBeNull();
    expect(await verifyLogin('ed@example.org', 'second passphrase here')).not.toBeNull();
  });

  it('says clearly what is wrong, with a non-zero exit', () => {
    const unknown = users(['disable', '--email', 'nobody@example.org']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('There is no account for nobody@example.org.');
    const command = users(['frobnicate']);
    expect(command.status).toBe(2);
    expect(command.stderr).toContain('Unknown command "frobnicate".');
    expect(command.stderr).toContain('Usage: npm run users');
    expect(users([]).status).toBe(2);
  });
});

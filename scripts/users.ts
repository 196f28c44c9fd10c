// `npm run users -- <command>`: manage editor accounts from the command line. Passwords are read
// from standard input (typed without echo at a terminal, or one line from a pipe), never from a
// flag, which would end up in shell history and process listings.
import { parseArgs } from 'node:util';
import { loadEnvironment, printDatabase } from '../config/env';
import { closeDb, databasePath, getDb, migrateDatabase } from '../db/client';
import {
  createUser,
  disableUser,
  enableUser,
  listUsers,
  requireUserByEmail,
  resetPassword,
  roleField,
  setUserRole,
  UserError,
  WeakPasswordError,
} from '../app/models/user.server';

const USAGE = `Usage: npm run users -- <command> [options]

  add --email E --name N --role editor|admin   add an account (password from standard input)
  list                                         list accounts
  set-role --email E --role editor|admin       change an account's role
  disable --email E                            stop an account signing in; ends its sessions
  enable --email E                             let a disabled account sign in again
  reset-password --email E                     set a new password (from standard input); ends its sessions

At a terminal the password is asked for twice, without echo. Otherwise the first line of standard
input is the password, e.g.  printf '%s\\n' "$PASSWORD" | npm run users -- add ...`;

/** A mistake in how the command was called: the message, then the usage. */
class UsageError extends Error {}

function readLineFromPipe(): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const finish = () => {
      process.stdin.off('data', onData);
      process.stdin.off('end', finish);
      process.stdin.pause();
      resolve(buffered.split(/\r?\n/)[0]);
    };
    const onData = (chunk: string) => {
      buffered += chunk;
      if (buffered.includes('\n') || buffered.length > 8192) finish();
    };
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', onData);
    process.stdin.once('end', finish);
    process.stdin.once('error', reject);
  });
}

/** Reads a line at the terminal without showing what is typed. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let value = '';
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chars: string) => {
      for (const ch of chars) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new UsageError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    process.stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readLineFromPipe();
  const first = await promptHidden('Password (at least 12 characters): ');
  const second = await promptHidden('The same password again: ');
  if (first !== second) throw new UsageError('The two passwords were not the same; nothing was changed.');
  return first;
}

function required(values: Record<string, string | undefined>, ...names: string[]): string[] {
  const missing = names.filter((name) => !values[name]);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.map((n) => `--${n}`).join(', ')}.`);
  return names.map((name) => values[name]!);
}

function parseRole(role: string) {
  const parsed = roleField.safeParse(role);
  if (!parsed.success) throw new UsageError(`--role must be editor or admin, not "${role}".`);
  return parsed.data;
}

function printUsers(): void {
  const users = listUsers();
  if (users.length === 0) {
    console.log(
      `No accounts yet in ${databasePath()}. Add one with: npm run users -- add --email E --name N --role admin`,
    );
    return;
  }
  const rows = users.map((u) => [
    u.email,
    u.name,
    u.role,
    u.disabledAt ? 'disabled' : 'active',
    String(u.activeSessions),
  ]);
  const header = ['email', 'name', 'role', 'status', 'sessions'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows])
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
}

async function run(argv: string[]): Promise<void> {
  if (argv.some((arg) => arg === '--password' || arg.startsWith('--password='))) {
    throw new UsageError('Passwords are never given as a flag; they are read from standard input.');
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  });
  const [command, ...extra] = positionals;
  if (!command) throw new UsageError('Which command?');
  if (extra.length > 0) throw new UsageError(`Unexpected: ${extra.join(' ')}.`);

  migrateDatabase(getDb());
  switch (command) {
    case 'add': {
      const [email, name, role] = required(values, 'email', 'name', 'role');
      const user = await createUser({ email, name, role: parseRole(role), password: await readPassword() });
      console.log(`Added ${user.role} ${user.email} (${user.name}) to ${databasePath()}.`);
      return;
    }
    case 'list':
      printUsers();
      return;
    case 'set-role': {
      const [email, role] = required(values, 'email', 'role');
      const user = setUserRole(requireUserByEmail(email).id, parseRole(role));
      console.log(`${user.email} is now ${user.role === 'admin' ? 'an admin' : 'an editor'}.`);
      return;
    }
    case 'disable': {
      const [email] = required(values, 'email');
      const user = disableUser(requireUserByEmail(email).id);
      console.log(`Disabled ${user.email}: they cannot sign in, and their sessions have ended.`);
      return;
    }
    case 'enable': {
      const [email] = required(values, 'email');
      const user = enableUser(requireUserByEmail(email).id);
      console.log(`Enabled ${user.email}: they can sign in again.`);
      return;
    }
    case 'reset-password': {
      const [email] = required(values, 'email');
      const { id } = requireUserByEmail(email);
      const user = await resetPassword(id, await readPassword());
      console.log(`Set a new password for ${user.email}; their sessions have ended.`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

loadEnvironment();
printDatabase();
try {
  await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof UserError || error instanceof WeakPasswordError) {
    console.error(error instanceof WeakPasswordError ? `Password refused: ${error.message}` : error.message);
    process.exitCode = 1;
  } else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    // Unexpected (the database cannot be opened, say): the message, without a stack trace.
    console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
} finally {
  closeDb();
}

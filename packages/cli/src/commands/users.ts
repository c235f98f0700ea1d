import type { UserPatch, UserSummary } from '@rapport/core';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { readFirstLine, writeLine } from '../io.js';
import { formatTable } from '../output/table.js';
import {
  directUserAdmin,
  httpUserAdmin,
  type UserAdmin,
  type UserWithNewPassword,
} from '../users/user-admin.js';
import { type AdminOptions, withAdmin, withAdminOptions } from './admin-session.js';
import { type CommandContext, collect, note } from './context.js';

interface PasswordOptions extends AdminOptions {
  passwordStdin?: boolean;
}

interface AddOptions extends PasswordOptions {
  name: string;
  email: string;
  role: string[];
  team?: string;
  language?: string;
  timeZone?: string;
  password?: boolean;
}

interface SetOptions extends AdminOptions {
  name?: string;
  email?: string;
  role?: string[];
  team?: string | false;
  language?: string;
  timeZone?: string;
  active?: boolean;
}

const factory = { direct: directUserAdmin, http: httpUserAdmin };

function userRows(users: UserSummary[]): string[][] {
  return users.map((user) => [
    user.id,
    user.email,
    user.name,
    user.roles.join(','),
    user.team ?? '',
    user.active ? 'active' : 'inactive',
    user.passwordSet ? (user.lastSignInAt ?? 'never') : 'no password',
  ]);
}

/** The password of `--password-stdin`, or `undefined` to have one generated. */
async function chosenPassword(
  context: CommandContext,
  options: PasswordOptions,
): Promise<string | undefined> {
  if (!options.passwordStdin) return undefined;
  const password = await readFirstLine(context.io.stdin ?? process.stdin);
  if (password === '') throw new UsageError('--password-stdin read an empty line: pipe the password in');
  return password;
}

/** Prints a user with a new password: the password alone on stdout (shown this once), a note on stderr. */
function printWithPassword(
  context: CommandContext,
  options: AdminOptions,
  made: UserWithNewPassword,
  verb: string,
) {
  const { io } = context;
  if (options.json) {
    writeLine(
      io.stdout,
      JSON.stringify({ user: made.user, ...(made.password ? { password: made.password } : {}) }),
    );
    return;
  }
  if (made.password) {
    writeLine(io.stdout, made.password);
    note(
      context,
      options,
      `${verb} ${made.user.email} (${made.user.id}). The password above is shown this once.`,
    );
  } else {
    writeLine(io.stdout, `${verb} ${made.user.email} (${made.user.id})`);
  }
}

/** The merge patch of `rapport users set` options (`--no-team` removes the team). */
export function patchOf(options: SetOptions): UserPatch {
  const patch: UserPatch = {};
  if (options.name !== undefined) patch.name = options.name;
  if (options.email !== undefined) patch.email = options.email;
  if (options.role !== undefined) patch.roles = options.role;
  if (options.team === false) patch.team = null;
  else if (options.team !== undefined) patch.team = options.team;
  if (options.language !== undefined) patch.language = options.language;
  if (options.timeZone !== undefined) patch.timeZone = options.timeZone;
  if (options.active !== undefined) patch.active = options.active;
  if (Object.keys(patch).length === 0) {
    throw new UsageError(
      'nothing to change: give --name, --email, --role, --team, --no-team, --language, --time-zone, --active or --inactive',
    );
  }
  return patch;
}

/**
 * `rapport users list|add|set|deactivate|reset-password`: user accounts, directly on the store or
 * through a running server (`--url`). New passwords are generated unless `--password-stdin` pipes
 * one in, and printed alone on stdout, once; nothing else ever shows a password.
 */
export function registerUsers(program: Command, context: CommandContext): void {
  const users = program.command('users').description('list, add and change user accounts; reset passwords');
  const { io } = context;
  const run = <R>(options: AdminOptions, fn: (admin: UserAdmin) => Promise<R>) =>
    withAdmin(context, options, factory, fn);

  withAdminOptions(users.command('list').description('list users (never their passwords)')).action(
    async (options: AdminOptions) => {
      const list = await run(options, (admin) => admin.list());
      if (options.json) writeLine(io.stdout, JSON.stringify(list));
      else if (list.length === 0) writeLine(io.stdout, 'no users');
      else {
        const header = ['id', 'email', 'name', 'roles', 'team', 'status', 'last sign-in'];
        for (const line of formatTable(header, userRows(list), 40)) writeLine(io.stdout, line);
      }
    },
  );

  withAdminOptions(
    users
      .command('add')
      .description('add a user; prints a generated password once (or pipe one in with --password-stdin)')
      .requiredOption('-n, --name <name>', 'the name people see')
      .requiredOption(
        '-e, --email <email>',
        'the e-mail address they sign in with (unique, whatever its case)',
      )
      .requiredOption('-r, --role <role>', 'a role; repeat for several', collect)
      .option('-t, --team <team>', 'their team (team rules read it)')
      .option('--language <tag>', 'console language, e.g. en or zh-Hans (default en)')
      .option('--time-zone <zone>', 'IANA time zone (default: the deployment’s)')
      .option('--password-stdin', 'read the password from the first line of stdin')
      .option('--no-password', 'no password: the user cannot sign in until one is set'),
  ).action(async (options: AddOptions) => {
    const password = options.password === false ? false : await chosenPassword(context, options);
    const made = await run(options, (admin) =>
      admin.add({
        name: options.name,
        email: options.email.trim(),
        roles: options.role,
        ...(options.team ? { team: options.team } : {}),
        ...(options.language ? { language: options.language } : {}),
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
        ...(password === undefined ? {} : { password }),
      }),
    );
    printWithPassword(context, options, made, 'Added');
  });

  withAdminOptions(
    users
      .command('set')
      .description('change a user (by id or e-mail address); --role replaces their roles')
      .argument('<user>', 'the user id or e-mail address')
      .option('-n, --name <name>', 'a new name')
      .option('-e, --email <email>', 'a new e-mail address')
      .option('-r, --role <role>', 'the roles, replacing the current ones; repeat for several', collect)
      .option('-t, --team <team>', 'a new team')
      .option('--no-team', 'remove the team')
      .option('--language <tag>', 'console language')
      .option('--time-zone <zone>', 'IANA time zone')
      .option('--active', 'let the user sign in again')
      .option('--inactive', 'stop the user signing in (ends their sessions)'),
  ).action(async (user: string, options: SetOptions & { inactive?: boolean }) => {
    if (options.active && options.inactive) throw new UsageError('give --active or --inactive, not both');
    const patch = patchOf({ ...options, ...(options.inactive ? { active: false } : {}) });
    const changed = await run(options, (admin) => admin.set(user, patch));
    if (options.json) writeLine(io.stdout, JSON.stringify(changed));
    else writeLine(io.stdout, `changed ${changed.email} (${changed.id})`);
  });

  withAdminOptions(
    users
      .command('deactivate')
      .description('stop a user signing in: their sessions end, their keys stop working')
      .argument('<user>', 'the user id or e-mail address'),
  ).action(async (user: string, options: AdminOptions) => {
    const changed = await run(options, (admin) => admin.set(user, { active: false }));
    if (options.json) writeLine(io.stdout, JSON.stringify(changed));
    else writeLine(io.stdout, `deactivated ${changed.email} (${changed.id})`);
  });

  withAdminOptions(
    users
      .command('reset-password')
      .description('give a user a new password (printed once) and end their sessions')
      .argument('<user>', 'the user id or e-mail address')
      .option('--password-stdin', 'read the password from the first line of stdin'),
  ).action(async (user: string, options: PasswordOptions) => {
    const password = await chosenPassword(context, options);
    const made = await run(options, (admin) => admin.resetPassword(user, password));
    printWithPassword(context, options, made, 'New password for');
  });
}

import { randomBytes } from 'node:crypto';
import { type Algorithm, hash, type Options, parseOptions, verify } from '@node-rs/argon2';

/**
 * The argon2id cost parameters. The defaults are OWASP's recommended minimum for argon2id
 * (Password Storage Cheat Sheet): 19 MiB of memory, 2 passes, 1 lane — about 20 ms per hash on
 * one core of the 2-core dev box, so a sign-in stays quick while each guess costs an attacker
 * 19 MiB of memory.
 */
export interface PasswordHashing {
  /** Memory in KiB (default 19 456 = 19 MiB; at least 8 × parallelism). */
  memoryCost: number;
  /** Passes over the memory (default 2). */
  timeCost: number;
  /** Lanes (default 1). */
  parallelism: number;
}

/** {@link PasswordHashing} defaults: m=19456 KiB, t=2, p=1 (OWASP's argon2id minimum). */
export const DEFAULT_PASSWORD_HASHING: Readonly<PasswordHashing> = Object.freeze({
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
});

/** The numeric value of `Algorithm.Argon2id` (a `const enum`, not readable under isolated modules). */
const ARGON2ID = 2 as Algorithm;

/**
 * Hashes and checks passwords with argon2id (`@node-rs/argon2`: Rust, prebuilt binaries, work off
 * the main thread). Hashes are PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`) with a
 * random 16-byte salt each, so the parameters travel with the hash: raising them later leaves old
 * hashes verifiable, and {@link needsRehash} tells when to replace one after a sign-in.
 *
 * @example
 * ```ts
 * const hasher = new PasswordHasher();
 * const stored = await hasher.hash('correct horse battery staple');
 * await hasher.verify(stored, 'correct horse battery staple'); // true
 * ```
 */
export class PasswordHasher {
  readonly #options: Options;
  #dummy: Promise<string> | undefined;

  constructor(parameters: PasswordHashing = DEFAULT_PASSWORD_HASHING) {
    this.#options = { ...parameters, algorithm: ARGON2ID, outputLen: 32 };
  }

  /** The argon2id PHC string of a password. */
  hash(password: string): Promise<string> {
    return hash(password, this.#options);
  }

  /** Whether `password` matches `stored`; false for a malformed or foreign hash (never a throw). */
  async verify(stored: string, password: string): Promise<boolean> {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  }

  /**
   * Does the work of one {@link verify} against a hash of nothing, and answers false: what an
   * unknown e-mail address or a user without a password costs, so timing tells no account apart.
   */
  async verifyNothing(password: string): Promise<false> {
    await this.verify(await this.#dummyHash(), password);
    return false;
  }

  /** Makes the hash {@link verifyNothing} checks against, so the first unknown address costs no more than later ones. */
  async prepare(): Promise<void> {
    await this.#dummyHash();
  }

  #dummyHash(): Promise<string> {
    this.#dummy ??= this.hash(randomBytes(16).toString('base64url'));
    return this.#dummy;
  }

  /** Whether a stored hash was made with other parameters (or another algorithm) than these. */
  needsRehash(stored: string): boolean {
    try {
      const used = parseOptions(stored);
      return (
        used.algorithm !== ARGON2ID ||
        used.memoryCost !== this.#options.memoryCost ||
        used.timeCost !== this.#options.timeCost ||
        used.parallelism !== this.#options.parallelism
      );
    } catch {
      return true;
    }
  }
}

/** What is wrong with hashing parameters (one sentence each); empty when they are usable. */
export function passwordHashingProblems(parameters: PasswordHashing): string[] {
  const problems: string[] = [];
  const { memoryCost, timeCost, parallelism } = parameters;
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 16) {
    problems.push(`parallelism must be an integer from 1 to 16, got ${String(parallelism)}`);
  }
  if (!Number.isInteger(memoryCost) || memoryCost < 8 * Math.max(1, parallelism) || memoryCost > 4_194_304) {
    problems.push(
      `memoryCost must be an integer from 8 × parallelism to 4194304 KiB, got ${String(memoryCost)}`,
    );
  }
  if (!Number.isInteger(timeCost) || timeCost < 1 || timeCost > 100) {
    problems.push(`timeCost must be an integer from 1 to 100, got ${String(timeCost)}`);
  }
  return problems;
}

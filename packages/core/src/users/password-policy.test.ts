import { describe, expect, it } from 'vitest';
import { generatePassword, MAX_PASSWORD_LENGTH, passwordProblems } from './password-policy.js';

describe('passwordProblems', () => {
  it('asks for length, not composition', () => {
    expect(passwordProblems('correct horse battery', 12)).toEqual([]);
    expect(passwordProblems('短いけれど十二文字以上の合言葉です', 12)).toEqual([]);
    expect(passwordProblems('eleven char', 12)).toEqual([expect.objectContaining({ rule: 'minLength' })]);
    expect(passwordProblems('x'.repeat(MAX_PASSWORD_LENGTH + 1), 12)).toEqual([
      expect.objectContaining({ rule: 'maxLength' }),
    ]);
    expect(passwordProblems(42, 12)).toEqual([expect.objectContaining({ rule: 'type' })]);
  });

  it('refuses one repeated character and the account itself', () => {
    expect(passwordProblems('aaaaaaaaaaaaaa', 12)).toEqual([expect.objectContaining({ rule: 'weak' })]);
    expect(passwordProblems('Ada@Example.com', 12, { email: 'ada@example.com' })).toEqual([
      expect.objectContaining({ rule: 'weak' }),
    ]);
    expect(passwordProblems('Ada Lovelace!', 12, { name: 'ada lovelace!' })[0]?.rule).toBe('weak');
  });
});

describe('generatePassword', () => {
  it('makes distinct passwords the policy accepts, without look-alike characters', () => {
    const made = new Set(Array.from({ length: 50 }, generatePassword));
    expect(made.size).toBe(50);
    for (const password of made) {
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
      expect(passwordProblems(password, 12)).toEqual([]);
    }
  });
});

import { hashPassword, passwordProblems, SCRYPT_PARAMS, verifyPassword } from '../../../lib/password';

describe('password hashing', () => {
  it('stores scrypt with its parameters and a random salt, and verifies in constant time', async () => {
    const cheap = { N: 1024, r: 8, p: 1 };
    const a = await hashPassword('richtig-langes-passwort', cheap);
    const b = await hashPassword('richtig-langes-passwort', cheap);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword('richtig-langes-passwort', a)).resolves.toBe(true);
    await expect(verifyPassword('richtig-langes-passworT', a)).resolves.toBe(false);
    await expect(verifyPassword('x', 'not-a-hash')).resolves.toBe(false);
  });

  it('uses the OWASP scrypt parameters by default', async () => {
    expect(SCRYPT_PARAMS).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    const strong = await hashPassword('richtig-langes-passwort');
    expect(strong.startsWith('scrypt$131072$8$1$')).toBe(true);
    await expect(verifyPassword('richtig-langes-passwort', strong)).resolves.toBe(true);
  });

  it('refuses short, trivial and user-name passwords', () => {
    expect(passwordProblems('kurz')).toHaveLength(1);
    expect(passwordProblems('aaaaaaaaaaaaaa')[0]).toMatch(/zu wenigen verschiedenen Zeichen/);
    expect(passwordProblems('erika.mustermann', 'Erika.Mustermann')[0]).toMatch(/Benutzername/);
    expect(passwordProblems('ein-langes-passwort')).toEqual([]);
  });
});

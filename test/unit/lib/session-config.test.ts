import { ConfigError, loadConfig } from '../../../config';

describe('session configuration', () => {
  it('needs no SESSION_SECRET (the service generates one) and idles out after two hours by default', () => {
    const config = loadConfig({});
    expect(config.sessionSecret).toBeUndefined();
    expect(config.sessionIdleMinutes).toBe(120);
    expect(loadConfig({ SESSION_SECRET: 's'.repeat(32), SESSION_IDLE_MINUTES: '30' })).toMatchObject({
      sessionSecret: 's'.repeat(32),
      sessionIdleMinutes: 30,
    });
  });

  it('reports a short secret together with every other bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ SESSION_SECRET: 'kurz', SESSION_IDLE_MINUTES: '0', PORT: 'x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/SESSION_SECRET: mindestens 32 Zeichen/);
    expect(problems).toMatch(/SESSION_IDLE_MINUTES/);
    expect(problems).toMatch(/PORT/);
    expect(problems).not.toContain('kurz');
  });
});

import { isAbsolute, join } from 'node:path';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../../../config';
import { projectRoot } from '../../../lib/paths';

describe('loadConfig', () => {
  it('defaults to port 3000 and the embedded SQLite file var/atlas.sqlite', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', path: join(projectRoot, 'var', 'atlas.sqlite') });
    expect(config.loadReferenceData).toBe(true);
  });

  it('takes relative and absolute SQLite paths and PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('sqlite:data/x.db')).toEqual({ type: 'sqlite', path: join(projectRoot, 'data/x.db') });
    expect(parseDatabaseUrl('sqlite:/tmp/atlas.db')).toEqual({ type: 'sqlite', path: '/tmp/atlas.db' });
    expect(parseDatabaseUrl('sqlite:///tmp/atlas.db')).toEqual({ type: 'sqlite', path: '/tmp/atlas.db' });
    const pg = parseDatabaseUrl('postgres://u:p@db.example:5432/atlas');
    expect(pg).toEqual({ type: 'postgres', url: 'postgres://u:p@db.example:5432/atlas' });
    const relative = parseDatabaseUrl('sqlite:x.db');
    expect(typeof relative !== 'string' && relative.type === 'sqlite' && isAbsolute(relative.path)).toBe(true);
  });

  it('names every bad variable in one error, without leaking a password', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'achtzig',
        DATABASE_URL: 'mysql://root:geheim@host/db',
        LOG_LEVEL: 'loud',
        IMPORT_MAX_MB: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/IMPORT_MAX_MB/);
    expect((error as Error).message).not.toContain('geheim');
  });
});

import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://postgres@localhost/x' });
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
  });
  it('names a missing variable', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL is required/);
  });
  it('names a malformed variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://h/x', PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://h/x' })).toThrow(/DATABASE_URL must be a postgresql/);
  });
});

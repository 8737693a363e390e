import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../cli-errors';
import { configPath, DEFAULT_URL, normalizeUrl, readConfigFile, resolveConnection, writeConfigFile } from './cli-config';

const file = { url: 'http://saved:3000', keys: { 'http://saved:3000': { key: 'sqc_file', savedAt: '' } } };

describe('resolveConnection', () => {
  it('takes the URL from the flag, then SEQCAST_URL, then the file, then the default', () => {
    expect(resolveConnection({ url: 'http://flag/' }, { SEQCAST_URL: 'http://env' }, file).url).toBe('http://flag');
    expect(resolveConnection({}, { SEQCAST_URL: 'http://env' }, file).url).toBe('http://env');
    expect(resolveConnection({}, {}, file).url).toBe('http://saved:3000');
    expect(resolveConnection({}, {}, {}).url).toBe(DEFAULT_URL);
  });

  it('takes the key from the flag, then SEQCAST_API_KEY, then the file, which only gives a key to its own URL', () => {
    expect(resolveConnection({ key: 'sqc_flag' }, { SEQCAST_API_KEY: 'sqc_env' }, file)).toMatchObject({
      key: 'sqc_flag',
      keySource: 'flag',
    });
    expect(resolveConnection({}, { SEQCAST_API_KEY: 'sqc_env' }, file)).toMatchObject({ key: 'sqc_env', keySource: 'env' });
    expect(resolveConnection({}, {}, file)).toMatchObject({ key: 'sqc_file', keySource: 'file' });
    expect(resolveConnection({ url: 'http://other' }, {}, file).key).toBeUndefined();
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => normalizeUrl('localhost:3000')).toThrow(UsageError);
    expect(() => normalizeUrl('not a url')).toThrow(UsageError);
    expect(normalizeUrl(' https://x.example/api/ ')).toBe('https://x.example/api');
  });
});

describe('config file', () => {
  it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configPath({ XDG_CONFIG_HOME: '/x' })).toBe('/x/seqcast/config.json');
    expect(configPath({ HOME: '/home/u' })).toBe('/home/u/.config/seqcast/config.json');
  });

  it('is written with mode 0600 in a 0700 directory and read back; a missing file is empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqcast-config-'));
    const path = join(dir, 'seqcast', 'config.json');
    expect(await readConfigFile(path)).toEqual({});
    await writeConfigFile(file, path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'seqcast')).mode & 0o777).toBe(0o700);
    expect(await readConfigFile(path)).toEqual(file);
    rmSync(dir, { recursive: true, force: true });
  });
});

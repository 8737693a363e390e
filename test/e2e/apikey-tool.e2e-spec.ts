// Keys without the source tree: the compiled tool (dist/tools/apikey.js) run from a folder laid out
// like the Docker image (dist/, node_modules/, package.json; no apps/, libs/ or tools/ sources), as
// `docker compose run --rm api node dist/tools/apikey.js …` runs it, against the test Postgres.
// A key it creates works against the API; `list` shows it; after `revoke` the API answers 401.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi } from '../support/processes';

const root = join(__dirname, '..', '..');

describe('node dist/tools/apikey.js (compose and production processes)', () => {
  let image: string;
  let api: Awaited<ReturnType<typeof startApi>>;

  // Asynchronous, so that fetch's idle keep-alive sockets see the API close them meanwhile.
  const apikey = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const env = { PATH: process.env.PATH, DATABASE_URL: process.env.DATABASE_URL };
      execFile(
        process.execPath,
        ['dist/tools/apikey.js', ...args],
        { cwd: image, env, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
      );
    });
  const datasets = async (key: string) =>
    (await fetch(`${api.url}/v1/datasets`, { headers: { authorization: `Bearer ${key}` } })).status;

  beforeAll(async () => {
    image = mkdtempSync(join(tmpdir(), 'seqcast-image-'));
    cpSync(join(root, 'dist'), join(image, 'dist'), { recursive: true });
    cpSync(join(root, 'package.json'), join(image, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(image, 'node_modules'));
    api = await startApi({ QUEUE_PREFIX: `${process.env.QUEUE_PREFIX}_apikey_tool` });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    if (image) rmSync(image, { recursive: true, force: true });
  });

  it('creates a key that the API accepts, lists it, and revokes it', async () => {
    const created = await apikey('create', '--name', 'compose user', '--admin');
    expect(created).toMatchObject({ status: 0, stderr: '' });
    expect(created.stdout).toMatch(/created API key "compose user" \(id [0-9a-f-]{36}, owner key-[0-9a-f]+, admin\)/);
    const key = created.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^sqc_[0-9a-f]{16}_\S+$/);
    expect(await datasets(key)).toBe(200);

    const prefix = key.split('_')[1];
    const listed = await apikey('list');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`sqc_${prefix}_…  compose user  owner=key-${prefix}  admin  active  `));

    const revoked = await apikey('revoke', `sqc_${prefix}`);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`revoked API key "compose user" \\(sqc_${prefix}_…\\)`));
    expect(await datasets(key)).toBe(401);
    expect((await apikey('list')).stdout).toMatch(new RegExp(`sqc_${prefix}_…  compose user .* revoked `));
  }, 60_000);

  it('answers a usage error in its compiled form', async () => {
    const missing = await apikey('create');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/apikey: create needs --name <name>/);
    expect(missing.stderr).toMatch(/node dist\/tools\/apikey\.js create --name <name>/);
    const unknown = await apikey('revoke', 'sqc_ffffffffffffffff');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no API key with id or prefix sqc_ffffffffffffffff/);
  });
});

// `seqcast runs watch` in a real pseudo-terminal (tmux) and through a pipe: on a TTY the bar is
// redrawn in place (the pane holds one bar line however many epochs pass), through a pipe it
// degrades to a few plain lines without escape codes.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { testApiKey } from '../support/auth';
import { e2eClient, type Json } from '../support/e2e-client';
import { startApi, startWorker, type ManagedProcess } from '../support/processes';
import { CLI_MAIN, ESCAPE_CODE, flightsCsvPath, runCli, tempConfigHome } from './cli-harness';

const EPOCHS = 1500;
const BAR_LINE = new RegExp(`epoch \\d+/${EPOCHS}`, 'g');

describe('seqcast runs watch on a terminal and through a pipe', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let worker: ManagedProcess;
  let datasetId: string;
  const socket = `seqcast-cli-test-${process.pid}-${randomBytes(3).toString('hex')}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const { post, waitFor } = e2eClient(
    () => api.url,
    () => worker.output(),
    { waitTimeoutMs: 120_000 },
  );
  const configHome = tempConfigHome();
  const env = () => ({ SEQCAST_URL: api.url, SEQCAST_API_KEY: testApiKey(), XDG_CONFIG_HOME: configHome });
  const createRun = async () => {
    const created = await post('/v1/runs', { datasetId, preset: 'quick', params: { epochs: EPOCHS } });
    expect(created.status).toBe(202);
    return created.body.id as string;
  };

  beforeAll(async () => {
    try {
      execFileSync('tmux', ['-V']);
    } catch {
      throw new Error('these tests drive the CLI in tmux: install it (apt-get install tmux)');
    }
    api = await startApi();
    worker = startWorker();
    const upload = await runCli(['datasets', 'upload', flightsCsvPath(), '--json'], env());
    expect(upload.code).toBe(0);
    datasetId = (JSON.parse(upload.stdout) as Json).id as string;
  }, 90_000);
  afterAll(async () => {
    try {
      tmux('kill-server');
    } catch {
      /* no server left */
    }
    await worker?.stop();
    await api?.stop();
    rmSync(configHome, { recursive: true, force: true });
  });

  it('on a TTY: one bar line, redrawn in place as the epochs pass, full at the end', async () => {
    const id = await createRun();
    const vars = Object.entries(env()).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    tmux(
      'new-session',
      '-d',
      '-x',
      '120',
      '-y',
      '40',
      ...vars,
      `${process.execPath} ${CLI_MAIN} runs watch ${id}; echo "EXIT:$?"; sleep 600`,
    );

    const epochsSeen = new Set<number>();
    const deadline = Date.now() + 120_000;
    let pane = '';
    while (!pane.includes('EXIT:')) {
      if (Date.now() > deadline) throw new Error(`runs watch did not finish; pane:\n${pane}\nworker:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 100));
      // The whole history, not just the screen: lines that scrolled away count too.
      pane = tmux('capture-pane', '-p', '-S', '-');
      const bars = pane.match(BAR_LINE) ?? [];
      expect(bars.length).toBeLessThanOrEqual(1);
      for (const bar of bars) epochsSeen.add(Number(/epoch (\d+)/.exec(bar)![1]));
    }
    // The one line was redrawn with many epochs, and it ended full.
    expect(epochsSeen.size).toBeGreaterThanOrEqual(3);
    expect(pane.match(BAR_LINE)).toEqual([`epoch ${EPOCHS}/${EPOCHS}`]);
    expect(pane).toMatch(/completed\s+█{24} epoch 1500\/1500/);
    expect(pane).toContain(`✔ completed: ${EPOCHS}/${EPOCHS} epochs`);
    expect(pane).toContain('EXIT:0');
    expect((await waitFor(id, ['completed'])).status).toBe('completed');
  }, 150_000);

  it('through a pipe: a handful of plain lines, no escape codes, the last epoch and the summary', async () => {
    const id = await createRun();
    const res = await runCli(['runs', 'watch', id], env(), { timeoutMs: 120_000 });
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(ESCAPE_CODE);
    const epochLines = res.stdout.split('\n').filter((l) => l.startsWith('epoch '));
    expect(epochLines.length).toBeGreaterThanOrEqual(2);
    expect(epochLines.length).toBeLessThanOrEqual(12);
    expect(epochLines.at(-1)).toMatch(new RegExp(`^epoch ${EPOCHS}/${EPOCHS} · loss `));
    expect(res.stdout).toContain(`completed: ${EPOCHS}/${EPOCHS} epochs`);
  }, 150_000);
});

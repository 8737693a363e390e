import * as tf from '@tensorflow/tfjs';
import { initTfBackend } from './init-tf-backend';

describe('initTfBackend', () => {
  const saved = process.env.TFJS_BACKEND;
  afterAll(() => {
    if (saved === undefined) delete process.env.TFJS_BACKEND;
    else process.env.TFJS_BACKEND = saved;
  });

  it('walks the chain and records every attempt', async () => {
    delete process.env.TFJS_BACKEND;
    const info = await initTfBackend();
    expect(['tensorflow', 'wasm', 'cpu']).toContain(info.backend);
    expect(tf.getBackend()).toBe(info.backend);
    expect(info.attempts[info.attempts.length - 1]).toMatchObject({ ok: true });
    for (const failed of info.attempts.slice(0, -1)) expect(failed.error).toBeTruthy();
    expect(await initTfBackend()).toBe(info); // cached: same object
  });

  it('honours a forced backend and TFJS_BACKEND', async () => {
    expect((await initTfBackend('cpu')).attempts).toEqual([{ backend: 'cpu', ok: true }]);
    expect(tf.getBackend()).toBe('cpu');
    process.env.TFJS_BACKEND = 'wasm';
    const wasm = await initTfBackend();
    expect(wasm.backend).toBe('wasm');
    expect(wasm.device).toMatch(/wasm/);
    expect(tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]).toBe(3);
  });

  it('rejects unknown names', async () => {
    await expect(initTfBackend('tpu')).rejects.toThrow(/not a backend/);
  });
});

import { describeError, isTransientDbError, readOrDuringOutage, retryTransient } from './db-retry';

describe('isTransientDbError', () => {
  it.each([
    // What the Prisma pg adapter throws when the socket under a query is reset (seen in the drain fault test).
    new Error('Raw query failed. Code: `N/A`. Message: `Server has closed the connection.`'),
    new Error('Connection terminated unexpectedly'),
    Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('x'), { code: '57P01' }) }),
    Object.assign(new Error('adapter'), { originalCode: '08006' }),
  ])('treats %p as transient', (error) => {
    expect(isTransientDbError(error)).toBe(true);
  });

  it.each([
    Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }),
    new Error('column "x" does not exist'),
    'a string',
    undefined,
  ])('does not retry %p', (error) => {
    expect(isTransientDbError(error)).toBe(false);
  });
});

describe('retryTransient', () => {
  it('retries a transient error until the operation succeeds', async () => {
    let calls = 0;
    const value = await retryTransient(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('Connection terminated unexpectedly');
        return 'ok';
      },
      { budgetMs: 5_000, label: 'test' },
    );
    expect({ value, calls }).toEqual({ value: 'ok', calls: 3 });
  });

  it('never retries a logical error', async () => {
    let calls = 0;
    const failing = retryTransient(
      async () => {
        calls += 1;
        throw new Error('check constraint violated');
      },
      { budgetMs: 5_000, label: 'test' },
    );
    await expect(failing).rejects.toThrow('check constraint violated');
    expect(calls).toBe(1);
  });

  it('gives up when the budget is spent', async () => {
    const failing = retryTransient(
      async () => {
        throw new Error('ECONNREFUSED');
      },
      { budgetMs: 250, label: 'test' },
    );
    await expect(failing).rejects.toThrow('ECONNREFUSED');
  });
});

describe('describeError', () => {
  it('names an outage and keeps the last line of a Prisma invocation message', () => {
    const error = new Error('Invalid `prisma.run.update()` invocation:\n\n\nConnection terminated unexpectedly');
    expect(describeError(error)).toBe('Postgres unreachable: Connection terminated unexpectedly');
  });
});

describe('readOrDuringOutage', () => {
  it('answers the read, or the fallback while Postgres is unreachable', async () => {
    expect(await readOrDuringOutage(async () => true, false)).toBe(true);
    expect(await readOrDuringOutage(async () => Promise.reject(new Error('Connection terminated unexpectedly')), false)).toBe(
      false,
    );
  });

  it('throws any other error', async () => {
    await expect(
      readOrDuringOutage(async () => Promise.reject(new Error('relation "runs" does not exist')), false),
    ).rejects.toThrow('relation');
  });
});

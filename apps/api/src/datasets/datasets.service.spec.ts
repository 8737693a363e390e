import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { AppConfig, DatasetMeta, DatasetRepository, DatasetSeriesRepository, NewDataset } from '@seqcast/core';
import { DatasetsService, valuesChecksum } from './datasets.service';

const config = { MAX_CSV_ROWS: 1_000, MAX_CSV_COLUMNS: 10 } as AppConfig;
const createdAt = new Date('2026-01-01T00:00:00.000Z');

function fakeRepo() {
  const created: NewDataset[] = [];
  const repo = {
    create: jest.fn(async (d: NewDataset): Promise<DatasetMeta> => {
      created.push(d);
      return {
        id: '3f2c1a9e-8b7d-4c6e-9a1b-2c3d4e5f6a7b',
        ownerId: 'owner-a',
        name: d.name,
        length: d.values.length,
        frequency: d.frequency ?? null,
        valueColumn: d.valueColumn ?? null,
        timeColumn: d.timeColumn ?? null,
        checksum: d.checksum,
        createdAt,
        seriesCount: null,
        seriesColumn: null,
      };
    }),
    findMeta: jest.fn(async () => null),
    findWithValues: jest.fn(async () => null),
    list: jest.fn(async () => []),
    delete: jest.fn(async () => false),
  };
  return {
    repo,
    created,
    service: new DatasetsService(repo as unknown as DatasetRepository, config, {} as DatasetSeriesRepository),
  };
}

const series = (n: number) => Array.from({ length: n }, (_, i) => i + 0.5);

describe('valuesChecksum', () => {
  it('is sha256 of little-endian float64s', () => {
    // sha256 of 8 zero bytes
    expect(valuesChecksum([0])).toBe('af5570f5a1810b7af78caf4bc70a660f0df51e42baf91d4de5b2328de0e83dfc');
    expect(valuesChecksum([-0])).toBe(valuesChecksum([0]));
    expect(valuesChecksum([1, 2])).not.toBe(valuesChecksum([2, 1]));
    expect(valuesChecksum([0.1 + 0.2])).not.toBe(valuesChecksum([0.3]));
  });
});

describe('DatasetsService', () => {
  it('stores a CSV with its columns, name from the file name, and checksum of the values', async () => {
    const { service, created } = fakeRepo();
    const csv = ['date,value', ...series(20).map((v, i) => `2020-01-${String(i + 1).padStart(2, '0')},${v}`)].join('\n');
    const dto = await service.create({ format: 'csv', content: Buffer.from(csv), filename: 'dir/sales.2020.csv', options: {} });
    expect(dto).toMatchObject({
      name: 'sales.2020',
      length: 20,
      frequency: 'daily',
      valueColumn: 'value',
      timeColumn: 'date',
      hasTimestamps: true,
    });
    expect(dto.columns).toEqual(['date', 'value']);
    expect(dto.checksum).toBe(valuesChecksum(series(20)));
    expect(created[0].timestamps?.[0]).toBe('2020-01-01');
  });

  it('stores JSON without timestamps with null time column and frequency', async () => {
    const { service, created } = fakeRepo();
    const dto = await service.create({ format: 'json', body: { name: 'j', values: series(16) } });
    expect(dto).toMatchObject({
      name: 'j',
      valueColumn: 'values',
      timeColumn: null,
      frequency: null,
      hasTimestamps: false,
      columns: [],
    });
    expect(created[0].timestamps).toBeUndefined();
  });

  it('turns DatasetValidationError into a 400 with the parser message', async () => {
    const { service, repo } = fakeRepo();
    await expect(service.create({ format: 'json', body: { name: 'j', values: [1, 'x'] } })).rejects.toThrow(BadRequestException);
    await expect(service.create({ format: 'csv', content: 'a,b\n1,2\n', options: { valueColumn: 'c' } })).rejects.toThrow(
      /Unknown column "c"/,
    );
    expect(repo.create).not.toHaveBeenCalled();
  });

  it('passes the configured row cap to the parser', async () => {
    const { service } = fakeRepo();
    await expect(service.create({ format: 'json', body: { name: 'j', values: series(1_001) } })).rejects.toThrow(/1000/);
  });

  it('404s unknown ids', async () => {
    const { service } = fakeRepo();
    await expect(service.get('x', false)).rejects.toThrow(NotFoundException);
    await expect(service.get('x', true)).rejects.toThrow(NotFoundException);
    await expect(service.delete('x')).rejects.toThrow(NotFoundException);
  });
});

// Postgres I/O for the series of panel datasets (#11): one dataset_series row per series, its points
// a float8[] like a single-series dataset's. A panel is written in one transaction of multi-row
// INSERTs (a batch of series per statement, the arrays bound as text and cast in Postgres), never a
// round trip per series; workers read a chunk's series in one query. API reads are limited to the
// request's owner through the dataset (auth/owner-scope.ts).
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { currentOwnerId, LOCAL_OWNER_ID, ownerWhere } from '../auth/owner-scope';
import { allowLongStatements, LONG_WRITE_TRANSACTION, PrismaService } from '../database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import { DATASET_META_SELECT, float8ArrayLiteral, textArrayLiteral, type DatasetMeta } from './dataset.repository';

export interface NewPanelSeries {
  key: string;
  values: number[];
  timestamps?: string[];
  frequency?: string | null;
}

export interface NewPanel {
  name: string;
  series: NewPanelSeries[];
  frequency?: string | null;
  seriesColumn: string;
  valueColumn?: string | null;
  timeColumn?: string | null;
  checksum: string;
  ownerId?: string;
}

/** A series without its points. */
export interface SeriesMeta {
  ordinal: number;
  key: string;
  length: number;
  start: string | null;
  end: string | null;
  frequency: string | null;
}

export interface SeriesWithValues extends SeriesMeta {
  values: number[];
  timestamps: string[];
}

/** Points per INSERT statement: ~1 MB of array text. Bigger batches are no faster and each one's text
 *  (and the driver's copies of it) adds to the API's peak memory on a multi-million-point upload. */
const POINTS_PER_STATEMENT = 50_000;

@Injectable()
export class DatasetSeriesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The dataset row and all its series in one transaction; returns the row without points. Each
   * series' points are released (emptied) once written, so a big panel's memory shrinks as it is stored.
   */
  async createPanel(data: NewPanel): Promise<DatasetMeta> {
    const id = randomUUID();
    const ownerId = data.ownerId ?? currentOwnerId() ?? LOCAL_OWNER_ID;
    const points = data.series.reduce((n, s) => n + s.values.length, 0);
    await this.prisma.$transaction(async (tx) => {
      await allowLongStatements(tx);
      await tx.$executeRaw`
          INSERT INTO datasets (id, owner_id, name, length, values, timestamps, frequency, value_column, time_column, checksum,
                                series_count, series_column)
          VALUES (${id}::uuid, ${ownerId}, ${data.name}, ${points}, '{}'::float8[], '{}'::text[], ${data.frequency ?? null},
                  ${data.valueColumn ?? null}, ${data.timeColumn ?? null}, ${data.checksum}, ${data.series.length},
                  ${data.seriesColumn})`;
      let from = 0;
      while (from < data.series.length) {
        let to = from;
        let batchPoints = 0;
        while (to < data.series.length && (to === from || batchPoints + data.series[to].values.length <= POINTS_PER_STATEMENT)) {
          batchPoints += data.series[to].values.length;
          to += 1;
        }
        const batch = data.series.slice(from, to);
        const ordinals = batch.map((_, i) => from + i);
        await tx.$executeRaw`
            INSERT INTO dataset_series (dataset_id, ordinal, key, length, start, "end", frequency, values, timestamps)
            SELECT ${id}::uuid, o, k, l, s, e, f, v::float8[], t::text[]
            FROM unnest(${ordinals}::int[], ${batch.map((s) => s.key)}::text[], ${batch.map((s) => s.values.length)}::int[],
                        ${batch.map((s) => s.timestamps?.[0] ?? null)}::text[],
                        ${batch.map((s) => s.timestamps?.[s.timestamps.length - 1] ?? null)}::text[],
                        ${batch.map((s) => s.frequency ?? null)}::text[],
                        ${batch.map((s) => float8ArrayLiteral(s.values))}::text[],
                        ${batch.map((s) => textArrayLiteral(s.timestamps ?? []))}::text[]) AS x(o, k, l, s, e, f, v, t)`;
        for (const s of batch) {
          s.values = [];
          s.timestamps = undefined;
        }
        from = to;
      }
    }, LONG_WRITE_TRANSACTION);
    const meta = await this.prisma.dataset.findFirst({ where: { id }, select: DATASET_META_SELECT });
    if (!meta) throw new Error(`dataset ${id} vanished right after it was inserted`);
    return meta;
  }

  /**
   * A page of a panel's series in upload order, after ordinal `after`; `q` filters keys by substring
   * (case-insensitive). With `withValues` the points come too (for sparklines). Caller checks ownership.
   */
  async list(
    datasetId: string,
    page: { limit: number; after?: number; q?: string; withValues?: boolean },
  ): Promise<Array<SeriesMeta & { values?: number[] }>> {
    return this.prisma.datasetSeries.findMany({
      where: {
        datasetId,
        dataset: ownerWhere(),
        ...(page.after !== undefined ? { ordinal: { gt: page.after } } : {}),
        ...(page.q ? { key: { contains: page.q, mode: 'insensitive' as const } } : {}),
      },
      orderBy: { ordinal: 'asc' },
      take: page.limit + 1,
      select: {
        ordinal: true,
        key: true,
        length: true,
        start: true,
        end: true,
        frequency: true,
        ...(page.withValues ? { values: true } : {}),
      },
    });
  }

  /** Every series' key and shape (no points), for run creation; `keys` narrows to those. */
  async shapes(datasetId: string, keys?: string[]): Promise<Array<SeriesMeta & { min: number | null }>> {
    return this.prisma.$queryRaw<Array<SeriesMeta & { min: number | null }>>`
      SELECT ordinal, key, length, start, "end", frequency, (SELECT min(v) FROM unnest(values) AS v) AS min
      FROM dataset_series
      WHERE dataset_id = ${datasetId}::uuid ${keys ? Prisma.sql`AND key = ANY(${keys}::text[])` : Prisma.empty}
      ORDER BY ordinal`;
  }

  /** One series by key, with its points (owner-checked through its dataset). */
  findByKey(datasetId: string, key: string): Promise<SeriesWithValues | null> {
    return this.prisma.datasetSeries.findFirst({
      where: { datasetId, key, dataset: ownerWhere() },
      select: { ordinal: true, key: true, length: true, start: true, end: true, frequency: true, values: true, timestamps: true },
    });
  }

  /** The given series of a dataset with their points, in one query (a worker's chunk). */
  findByOrdinals(datasetId: string, ordinals: number[]): Promise<SeriesWithValues[]> {
    return this.prisma.datasetSeries.findMany({
      where: { datasetId, ordinal: { in: ordinals } },
      orderBy: { ordinal: 'asc' },
      select: { ordinal: true, key: true, length: true, start: true, end: true, frequency: true, values: true, timestamps: true },
    });
  }
}

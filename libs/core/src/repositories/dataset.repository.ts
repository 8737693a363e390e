// All Postgres I/O for datasets. A series is one row whose values are a float8[] (written and read
// whole), so metadata queries select every column but `values` and `timestamps`: listing datasets
// never drags their points over the wire. Every query is limited to the current request's owner
// (auth/owner-scope.ts): another owner's dataset reads as not found.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { currentOwnerId, LOCAL_OWNER_ID, ownerWhere } from '../auth/owner-scope';
import { PrismaService } from '../database/prisma.service';
import type { Dataset, Prisma } from '../generated/prisma/client';

/** A dataset without its points. */
export type DatasetMeta = Omit<Dataset, 'values' | 'timestamps'>;

export const DATASET_META_SELECT = {
  id: true,
  ownerId: true,
  name: true,
  length: true,
  frequency: true,
  valueColumn: true,
  timeColumn: true,
  checksum: true,
  createdAt: true,
  seriesCount: true,
  seriesColumn: true,
} as const satisfies Prisma.DatasetSelect;

export interface NewDataset {
  name: string;
  values: number[];
  /** One per value, or empty/absent when the series has none. */
  timestamps?: string[];
  frequency?: string | null;
  valueColumn?: string | null;
  timeColumn?: string | null;
  checksum: string;
  /** Default: the current request's owner, else LOCAL_OWNER_ID (tools, benches). */
  ownerId?: string;
}

/** Keyset page arguments (see apps/api/src/common/pagination.ts, which builds them). */
export type DatasetPageArgs = Pick<Prisma.DatasetFindManyArgs, 'where' | 'orderBy' | 'take'>;

@Injectable()
export class DatasetRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One INSERT whatever the length (100k points included); returns the row without its points.
   *
   * Raw SQL with the arrays bound as Postgres array literals, on purpose:
   * - Prisma's create/createMany serialize Float[] elements with 16 significant digits
   *   (0.1 + 0.2 is stored as 0.3); `Number#toString` is the shortest form that round-trips, so
   *   every double is stored exactly (-0 becomes 0);
   * - one string parameter is ~4× faster than letting the driver stringify a 100k-element array.
   */
  async create(data: NewDataset): Promise<DatasetMeta> {
    if (!data.values.every(Number.isFinite)) throw new TypeError('dataset values must be finite numbers');
    const timestamps = data.timestamps ?? [];
    if (timestamps.length && timestamps.length !== data.values.length) {
      throw new TypeError(`dataset has ${data.values.length} values but ${timestamps.length} timestamps`);
    }
    const id = randomUUID();
    const ownerId = data.ownerId ?? currentOwnerId() ?? LOCAL_OWNER_ID;
    await this.prisma.$executeRaw`
      INSERT INTO datasets (id, owner_id, name, length, values, timestamps, frequency, value_column, time_column, checksum)
      VALUES (${id}::uuid, ${ownerId}, ${data.name}, ${data.values.length}, ${float8ArrayLiteral(data.values)}::float8[],
              ${textArrayLiteral(timestamps)}::text[], ${data.frequency ?? null}, ${data.valueColumn ?? null},
              ${data.timeColumn ?? null}, ${data.checksum})`;
    const meta = await this.findMeta(id);
    if (!meta) throw new Error(`dataset ${id} vanished right after it was inserted`);
    return meta;
  }

  findMeta(id: string): Promise<DatasetMeta | null> {
    return this.prisma.dataset.findFirst({ where: { id, ...ownerWhere() }, select: DATASET_META_SELECT });
  }

  /** Metadata plus the smallest value, computed in Postgres: checking run params needs no points. */
  async findSeriesShape(id: string): Promise<(DatasetMeta & { min: number | null }) | null> {
    const meta = await this.findMeta(id);
    if (!meta) return null;
    const [{ min }] = await this.prisma.$queryRaw<{ min: number | null }[]>`
      SELECT min(v) AS min FROM datasets, unnest(values) AS v WHERE id = ${id}::uuid`;
    return { ...meta, min };
  }

  findWithValues(id: string): Promise<Dataset | null> {
    return this.prisma.dataset.findFirst({ where: { id, ...ownerWhere() } });
  }

  list(page: DatasetPageArgs): Promise<DatasetMeta[]> {
    return this.prisma.dataset.findMany({
      ...page,
      where: { AND: [page.where ?? {}, ownerWhere()] },
      select: DATASET_META_SELECT,
    });
  }

  /** Deletes the dataset and, by ON DELETE CASCADE, its runs. False when there was none. */
  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.dataset.deleteMany({ where: { id, ...ownerWhere() } });
    return count > 0;
  }
}

/** `{1,0.30000000000000004,…}`: finite doubles in their shortest exact decimal form. */
export function float8ArrayLiteral(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

/** `{"a","b\\"c"}`: every element quoted, `"` and `\` escaped, as Postgres' array input wants. */
export function textArrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

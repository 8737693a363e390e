import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { strToU8, zipSync } from 'fflate';
import { DatasetValidationError, UnpackedTooLargeError } from '../errors';
import { gunzipWhereCompressed, unpackCompressed } from './unpack-compressed';

const csv = 'ds,y\n' + Array.from({ length: 24 }, (_, i) => `2020-${String((i % 12) + 1).padStart(2, '0')}-01,${i}`).join('\n');

async function collect(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

describe('unpackCompressed', () => {
  it('gunzips a gzip file, named after the file inside', () => {
    const unpacked = unpackCompressed(gzipSync(csv), 'sales.csv.gz', 1e6);
    expect(unpacked?.bytes.toString('utf8')).toBe(csv);
    expect(unpacked?.name).toBe('sales.csv');
    expect(unpacked?.note).toBeUndefined();
    expect(unpackCompressed(gzipSync(csv), undefined, 1e6)?.name).toBeUndefined();
  });

  it("reads a ZIP archive's one data file, saying which where it held others; a zipped .csv.gz too", () => {
    const zip = zipSync({
      'export/sales.csv': strToU8(csv),
      'export/README.md': strToU8('# notes'),
      '__MACOSX/export/._sales.csv': strToU8('x'),
    });
    const unpacked = unpackCompressed(zip, 'export.zip', 1e6);
    expect(unpacked?.bytes.toString('utf8')).toBe(csv);
    expect(unpacked?.name).toBe('sales.csv');
    expect(unpacked?.note).toBe("Read export/sales.csv, the ZIP archive's one data file; passed over export/README.md.");
    const nested = unpackCompressed(zipSync({ 'load.csv.gz': gzipSync(csv) }), 'load.zip', 1e6);
    expect(nested).toMatchObject({ name: 'load.csv' });
    expect(nested?.bytes.toString('utf8')).toBe(csv);
  });

  it("reads a tar archive's one data file, gzipped (.tar.gz, .tgz) or not, as GNU tar writes it (long names too)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'seqcast-tar-'));
    try {
      const folder = join(dir, 'uci-household-power-consumption-dataset-with-a-long-folder-name-over-100-bytes-long');
      mkdirSync(folder);
      writeFileSync(join(folder, 'power.csv'), csv);
      writeFileSync(join(folder, 'README.txt.md'), 'about');
      execFileSync('tar', ['-czf', join(dir, 'power.tgz'), '-C', dir, folder.slice(dir.length + 1)]);
      execFileSync('tar', ['-cf', join(dir, 'power.tar'), '-C', dir, folder.slice(dir.length + 1)]);
      for (const file of ['power.tgz', 'power.tar']) {
        const unpacked = unpackCompressed(readFileSync(join(dir, file)), file, 1e6);
        expect(unpacked?.bytes.toString('utf8')).toBe(csv);
        expect(unpacked?.name).toBe('power.csv');
        expect(unpacked?.note).toMatch(
          /^Read uci-household-power-.*\/power\.csv, the tar archive's one data file; passed over .*README\.txt\.md\.$/,
        );
      }
      writeFileSync(join(folder, 'other.csv'), csv);
      execFileSync('tar', ['-czf', join(dir, 'two.tar.gz'), '-C', folder, 'power.csv', 'other.csv']);
      expect(() => unpackCompressed(readFileSync(join(dir, 'two.tar.gz')), 'two.tar.gz', 1e6)).toThrow(
        /^The tar archive holds 2 data files \(power\.csv, other\.csv\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves other bytes, and an .xlsx workbook (a ZIP read as a workbook), to their readers', () => {
    expect(unpackCompressed(Buffer.from(csv), 'sales.csv', 1e6)).toBeUndefined();
    const book = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
    expect(unpackCompressed(book, 'book.xlsx', 1e6)).toBeUndefined();
    expect(unpackCompressed(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.zip', 1e6)).toBeUndefined();
  });

  it('an archive of several data files, or none, is a DatasetValidationError naming them', () => {
    const two = zipSync({ 'train.csv': strToU8(csv), 'test.csv': strToU8(csv) });
    expect(() => unpackCompressed(two, 'kaggle.zip', 1e6)).toThrow(DatasetValidationError);
    expect(() => unpackCompressed(two, 'kaggle.zip', 1e6)).toThrow(/holds 2 data files \(train\.csv, test\.csv\)/);
  });

  it('refuses a file that unpacks past the limit before it fills memory (a gzip bomb)', () => {
    const bomb = gzipSync(Buffer.alloc(50_000_000, 0x30));
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => unpackCompressed(bomb, 'bomb.csv.gz', 1_000_000)).toThrow(UnpackedTooLargeError);
    expect(() => unpackCompressed(bomb, 'bomb.csv.gz', 1_000_000)).toThrow(/unpacks to more than 1000000 bytes/);
    const zipped = zipSync({ 'big.csv': new Uint8Array(2_000_000) });
    expect(() => unpackCompressed(zipped, 'big.zip', 1_000_000)).toThrow(
      /big\.csv in the ZIP archive unzips to more than 1000000 bytes/,
    );
  });

  it('a damaged gzip file is a DatasetValidationError', () => {
    const cut = gzipSync(csv).subarray(0, 20);
    expect(() => unpackCompressed(cut, 'cut.csv.gz', 1e6)).toThrow(/^The gzip file is damaged and cannot be decompressed/);
  });
});

describe('gunzipWhereCompressed', () => {
  it('gunzips a gzip stream chunk by chunk, and passes other bytes as they are', async () => {
    const packed = gzipSync(csv);
    const chunks = [packed.subarray(0, 7), packed.subarray(7, 30), packed.subarray(30)];
    expect(await collect(gunzipWhereCompressed(Readable.from(chunks)))).toBe(csv);
    expect(await collect(gunzipWhereCompressed(Readable.from([Buffer.from(csv.slice(0, 9)), Buffer.from(csv.slice(9))])))).toBe(
      csv,
    );
    expect(await collect(gunzipWhereCompressed(Readable.from([])))).toBe('');
  });

  it('a damaged gzip stream is a DatasetValidationError', async () => {
    const cut = gzipSync(csv).subarray(0, 25);
    await expect(collect(gunzipWhereCompressed(Readable.from([cut])))).rejects.toThrow(DatasetValidationError);
  });
});

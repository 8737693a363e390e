import { archiveEntryToRead, archiveNote, gunzippedName, isGzipFile } from './compressed-file';

describe('archiveEntryToRead', () => {
  it("reads an archive's one data file, passing over folders, macOS copies, hidden files and other files", () => {
    const choice = archiveEntryToRead([
      'data/',
      'data/sales.csv',
      '__MACOSX/data/._sales.csv',
      'data/.DS_Store',
      'README.txt.md',
    ]);
    expect(choice).toEqual({ kind: 'entry', name: 'data/sales.csv', passedOver: ['README.txt.md'], archive: 'ZIP' });
    expect(archiveNote(choice as Extract<typeof choice, { kind: 'entry' }>)).toBe(
      "Read data/sales.csv, the ZIP archive's one data file; passed over README.txt.md.",
    );
    for (const name of ['m4.parquet', 'book.xlsx', 'book.ods', 'rows.jsonl', 'a.tsv', 'b.json', 'c.txt', 'd.ndjson', 'e.csv.gz'])
      expect(archiveEntryToRead([name])).toMatchObject({ kind: 'entry', name });
  });

  it('reads the one file of an archive however it is named, without a note', () => {
    const choice = archiveEntryToRead(['export']);
    expect(choice).toEqual({ kind: 'entry', name: 'export', passedOver: [], archive: 'ZIP' });
    expect(archiveNote(choice as Extract<typeof choice, { kind: 'entry' }>)).toBeUndefined();
  });

  it('an .xlsx or .ods workbook is read as one', () => {
    expect(archiveEntryToRead(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'])).toEqual({
      kind: 'workbook',
    });
    expect(archiveEntryToRead(['mimetype', 'content.xml', 'styles.xml', 'META-INF/manifest.xml'])).toEqual({ kind: 'workbook' });
  });

  it('several data files, none, or an empty archive: a problem naming what it holds', () => {
    const many = Array.from({ length: 7 }, (_, i) => `part-${i}.csv`);
    expect(archiveEntryToRead(many)).toEqual({
      kind: 'problem',
      message:
        'The ZIP archive holds 7 data files (part-0.csv, part-1.csv, part-2.csv, part-3.csv, part-4.csv and 2 more): upload the one to forecast on its own (zipped alone or not).',
    });
    expect(archiveEntryToRead(['notes.md', 'logo.png'])).toEqual({
      kind: 'problem',
      message: 'The ZIP archive holds no CSV, JSON, .xlsx or Parquet file (it holds notes.md, logo.png).',
    });
    expect(archiveEntryToRead(['empty/'])).toEqual({ kind: 'problem', message: 'The ZIP archive is empty.' });
  });
});

describe('gzip files', () => {
  it('are told by their bytes, named by the file inside', () => {
    expect(isGzipFile(new Uint8Array([0x1f, 0x8b, 0x08]))).toBe(true);
    expect(isGzipFile(new Uint8Array([0x1f, 0x00]))).toBe(false);
    expect(isGzipFile('\u001f\u008b')).toBe(false);
    expect(gunzippedName('sales.csv.gz')).toBe('sales.csv');
    expect(gunzippedName('Load.JSON.GZIP')).toBe('Load.JSON');
    expect(gunzippedName('sales.csv')).toBe('sales.csv');
  });
});

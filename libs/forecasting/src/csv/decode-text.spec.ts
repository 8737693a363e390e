import { DatasetValidationError } from '../errors';
import { decodeCsvBytes, decodeCsvStream, decodeWindows1252 } from './decode-text';

describe('decodeCsvBytes', () => {
  it('reads UTF-8 as UTF-8 and a Windows-1252 export (Excel on Windows) as Windows-1252', () => {
    expect(decodeCsvBytes(Buffer.from('date,Umsatz in €,Café\n', 'utf8'))).toBe('date,Umsatz in €,Café\n');
    // 0x80 is € and 0xA3 £ in Windows-1252; as UTF-8 they would be U+FFFD.
    expect(decodeCsvBytes(Buffer.from([0x80, 0x20, 0xa3, 0x20, 0x43, 0x61, 0x66, 0xe9]))).toBe('€ £ Café');
    expect(decodeWindows1252(Buffer.from([0x93, 0x71, 0x94, 0x96]))).toBe('\u201cq\u201d\u2013');
  });

  it('reads a byte that cannot be UTF-8 as Windows-1252, and keeps a byte-order mark for the parsers to strip', () => {
    expect(decodeCsvBytes(Buffer.from([0x61, 0xe9, 0x62]))).toBe('aéb');
    expect(decodeCsvBytes(Buffer.from('\ufeffdate,y\n', 'utf8'))).toBe('\ufeffdate,y\n');
  });
});

describe('decodeCsvBytes: UTF-16 and binary files', () => {
  const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

  it("reads Excel's Unicode Text (UTF-16LE after its byte-order mark) and UTF-16BE", () => {
    expect(decodeCsvBytes(utf16le('Datum\tUmsatz €\n2024-01-01\t5\n'))).toBe('Datum\tUmsatz €\n2024-01-01\t5\n');
    const be = Buffer.from('date,y\n', 'utf16le').swap16();
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe('date,y\n');
  });

  it('a ZIP archive or another binary file is a DatasetValidationError saying what to upload (workbooks are read before)', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(() => decodeCsvBytes(zip)).toThrow(DatasetValidationError);
    expect(() => decodeCsvBytes(zip)).toThrow(/^The file is a ZIP archive that could not be read/);
  });
});

describe('decodeCsvStream', () => {
  const read = async (chunks: Buffer[]) => {
    let text = '';
    for await (const t of decodeCsvStream(
      (async function* () {
        yield* chunks;
      })(),
    ))
      text += t;
    return text;
  };
  it('switches to Windows-1252 at the first byte that is not UTF-8, keeping a byte held back at a chunk end', async () => {
    // 0xE9 (é) ends the second chunk: it could start a UTF-8 character until the next byte says not.
    expect(await read([Buffer.from('id,y\n'), Buffer.from([0x43, 0x61, 0x66, 0xe9]), Buffer.from(',1\n')])).toBe(
      'id,y\nCafé,1\n',
    );
    const utf8 = Buffer.from('id,y\nCafé €,1\n', 'utf8');
    expect(await read([utf8.subarray(0, 9), utf8.subarray(9, 13), utf8.subarray(13)])).toBe('id,y\nCafé €,1\n');
  });

  it('reads a UTF-16 stream across chunks (a character split between two), and refuses a binary one at its first chunk', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\ty\nCafé\t1\n', 'utf16le')]);
    expect(await read([utf16.subarray(0, 7), utf16.subarray(7)])).toBe('id\ty\nCafé\t1\n');
    await expect(read([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('x')])).rejects.toThrow(/gzip-compressed/);
  });
});

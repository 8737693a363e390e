import { binaryUploadProblem, utf16Encoding } from './file-format';

const bytes = (...b: number[]) => new Uint8Array([...b, 0x00, 0x10, 0x20]);

describe('binaryUploadProblem', () => {
  it.each([
    [
      bytes(0x50, 0x4b, 0x03, 0x04),
      /^The file is a ZIP archive that could not be read \(neither an \.xlsx or \.ods workbook .*unzip it and upload the CSV/,
    ],
    [bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), /an Excel 97-2003 workbook \(\.xls\)/],
    [bytes(0x50, 0x41, 0x52, 0x31), /a Parquet file, not CSV or JSON text: send it as a file named \.parquet/],
    [bytes(0x1f, 0x8b, 0x08), /gzip-compressed, not CSV or JSON text: decompress it/],
    [bytes(0x25, 0x50, 0x44, 0x46, 0x2d), /a PDF document/],
  ])('names a binary format by its first bytes (%#)', (head, message) => {
    expect(binaryUploadProblem(head)).toMatch(message);
  });

  it('passes text, including what starts like a signature in ASCII', () => {
    expect(binaryUploadProblem(new TextEncoder().encode('date,value\n'))).toBeUndefined();
    expect(binaryUploadProblem(new TextEncoder().encode('PK,date,value\n'))).toBeUndefined(); // a column named PK
    expect(binaryUploadProblem(new TextEncoder().encode('PAR,1\n'))).toBeUndefined();
    expect(binaryUploadProblem(new Uint8Array(0))).toBeUndefined();
  });
});

describe('utf16Encoding', () => {
  it("reads the byte-order mark of Excel's Unicode Text (UTF-16LE) and of UTF-16BE", () => {
    expect(utf16Encoding(bytes(0xff, 0xfe, 0x64, 0x00))).toBe('utf-16le');
    expect(utf16Encoding(bytes(0xfe, 0xff, 0x00, 0x64))).toBe('utf-16be');
    expect(utf16Encoding(new TextEncoder().encode('\ufeffdate'))).toBeUndefined(); // UTF-8's BOM
  });
});

import { decodeCsvFile } from './read-csv-file';

describe('decodeCsvFile', () => {
  it('reads UTF-8 as UTF-8 and an Excel (Windows-1252) export with its column names as written', () => {
    expect(decodeCsvFile(new TextEncoder().encode('date,Umsatz in £\n'))).toBe('date,Umsatz in £\n');
    expect(
      decodeCsvFile(Uint8Array.from([0x55, 0x6d, 0x73, 0x61, 0x74, 0x7a, 0x20, 0xa3, 0x2c, 0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68])),
    ).toBe('Umsatz £,Zürich');
  });

  it("reads Excel's Unicode Text (UTF-16LE) and names an .xls workbook instead of previewing its bytes", () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...[...'d\ty\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeCsvFile(utf16)).toBe('d\ty\n');
    expect(() => decodeCsvFile(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toThrow(
      /^The file is an Excel 97-2003 workbook \(\.xls\), not CSV or JSON text: save the sheet as CSV/,
    );
  });
});

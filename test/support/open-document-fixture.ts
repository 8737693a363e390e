// test/fixtures/sales-by-region.ods is this workbook as LibreOffice saves it (written once by
// `soffice --headless --convert-to ods` from the .xlsx this returns; CI has no LibreOffice): the
// tests read both and expect the same CSV of every sheet.
import { workbookOf } from './workbook';
import { join } from 'node:path';

export const ODS_FIXTURE = join(__dirname, '..', 'fixtures', 'sales-by-region.ods');

export function odsFixtureWorkbook(): Promise<Buffer> {
  const months = Array.from({ length: 36 }, (_, t) => new Date(Date.UTC(2021, t, 1)));
  const hours = Array.from({ length: 48 }, (_, h) => new Date(Date.UTC(2024, 2, 30, h, 30)));
  return workbookOf([
    { sheet: 'Notes', rows: [['Units sold per region'], ['Source: ERP & "CRM" <2024>']] },
    {
      sheet: 'Sales',
      rows: [
        ['Month', 'R&D <units>', 'South'],
        ...months.map((m, t) => [m, t === 7 ? null : 100 + t + (t % 12) * 3, Math.round(1000 * (50.25 + t * 0.5)) / 1000]),
      ],
    },
    { sheet: 'Load', rows: [['Time', 'MW'], ...hours.map((h, i) => [h, 300 + 40 * Math.sin((2 * Math.PI * i) / 24)])] },
  ]);
}

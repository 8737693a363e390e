import { csvFileName, forecastToCsv } from './forecast-csv';

describe('forecastToCsv', () => {
  it('lists holdout then future rows, with blank interval cells for a run without intervals', () => {
    const csv = forecastToCsv({
      holdout: [{ step: 1, t: '1960-01-01', actual: 417, forecast: 410.5 }],
      future: [{ step: 1, t: '1961-01-01', forecast: -2 }],
    });
    expect(csv).toBe(
      'kind,step,t,actual,forecast,p10,p50,p90\r\nholdout,1,1960-01-01,417,410.5,,,\r\nfuture,1,1961-01-01,,-2,,,\r\n',
    );
  });

  it('writes the p10, p50 and p90 of each point (the API forecast.csv columns)', () => {
    const csv = forecastToCsv({
      holdout: [{ step: 1, t: '1960-01-01', actual: 417, forecast: 410.5, p10: 395.25, p50: 411, p90: 428 }],
      future: [{ step: 1, t: '1961-01-01', forecast: 440, p10: 420, p50: 439.5, p90: 461 }],
    });
    expect(csv.split('\r\n')).toEqual([
      'kind,step,t,actual,forecast,p10,p50,p90',
      'holdout,1,1960-01-01,417,410.5,395.25,411,428',
      'future,1,1961-01-01,,440,420,439.5,461',
      '',
    ]);
  });

  it('uses a re-forecast future when given', () => {
    const csv = forecastToCsv({ holdout: [], future: [{ step: 1, t: null, forecast: 1 }] }, [
      { step: 1, t: '=cmd', forecast: 2 },
    ]);
    expect(csv).toContain("future,1,'=cmd,,2");
  });

  it('builds a safe file name', () => {
    expect(csvFileName('../=evil name', 'abcdef0123')).toBe('evil_name-abcdef01-forecast.csv');
  });
});

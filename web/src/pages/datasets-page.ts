// Datasets: the list (length, frequency, sparkline; a panel: its series count and first series)
// and an upload form with a client-side preview of the parsed columns and the chosen value column
// (a panel: its series column and one series), before the API (authoritative) saves it.
import { api } from '../api/api-client';
import { ApiError, errorMessage } from '../api/api-error';
import {
  AGGREGATIONS,
  isParquetFile,
  isWorkbookFile,
  isZipArchive,
  calendarTableAsCsv,
  multiLevelHeaderAsCsv,
  sheetAsCsv,
  RESAMPLE_FREQUENCIES,
  WORKBOOK_TYPE,
  type Aggregation,
  type DatasetDto,
  type WorkbookSheet,
} from '@seqcast/contracts';
import { mountUPlot, PALETTE, utcDate, valueAxis, type MountedChart } from '../charts/mount-uplot';
import { sparkline } from '../charts/sparkline';
import { firstRowSeries, onlySeries, seriesKeys, suggestSeriesColumns } from '../csv/panel-preview';
import { parseCsvPreview, previewSeries, type CsvPreview } from '../csv/parse-csv-preview';
import { isJsonFile, readJsonFile } from '../csv/json-file';
import { decodeCsvFile } from '../csv/read-csv-file';
import { readParquetFile } from '../csv/parquet-file';
import { readWorkbookFile } from '../csv/workbook-file';
import { unpackCompressedFile } from '../csv/compressed-file';
import type { RouteContext } from '../router';
import { h, replaceChildren } from '../ui/dom';
import { field, fieldNamedIn, type Field } from '../ui/field';
import { formatDateTime } from '../ui/format';
import { notice, toast } from '../ui/widgets';

const PREVIEW_ROWS = 5;
const MAX_SPARKLINES_IN_FLIGHT = 4;

export function datasetsPage({ outlet }: RouteContext): () => void {
  const aborter = new AbortController();
  let previewChart: MountedChart | undefined;

  const listBody = h('tbody');
  const listStatus = h('div', { class: 'list-status' });
  const moreButton = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  let nextCursor: string | null = null;

  // ---- upload form --------------------------------------------------------------------------
  const fileInput = h('input', {
    type: 'file',
    accept: `.csv,.tsv,.txt,.json,.jsonl,.ndjson,.xlsx,.ods,.parquet,.gz,.tgz,.zip,.tar,text/csv,text/plain,application/json,${WORKBOOK_TYPE},application/gzip,application/zip`,
    class: 'visually-hidden',
    id: 'dataset-file',
  });
  const dropZone = h(
    'label',
    { class: 'drop-zone' },
    fileInput,
    h('strong', {}, 'Drop a CSV, JSON, Excel (.xlsx, .ods) or Parquet file here (gzipped or zipped too)'),
    h('span', {}, ' or click / press Enter to choose one'),
  );
  const fileError = h('p', { class: 'field-error', id: 'dataset-file-error', hidden: true });
  fileInput.setAttribute('aria-describedby', fileError.id);
  const nameField = field(
    'Name',
    h('input', { type: 'text', name: 'name', required: true, maxLength: 200, autocomplete: 'off' }),
  );
  const layoutField = field(
    'Layout',
    h(
      'select',
      { name: 'layout' },
      h('option', { value: 'single' }, 'One series'),
      h('option', { value: 'long' }, 'Panel, long: a row per series and time step'),
      h('option', { value: 'wide' }, 'Panel, wide: a column per series'),
      h('option', { value: 'rows' }, 'Panel, rows: a row per series (M4, M5)'),
    ),
    'A panel holds many series (stores × items, meters…), trained and compared together.',
  );
  const seriesField = field(
    'Series column',
    h('select', { name: 'seriesColumn' }),
    'The column naming each row’s series (its key).',
  );
  const valueField = field('Value column', h('select', { name: 'valueColumn' }), 'The numeric column to forecast.');
  const timeField = field('Time column', h('select', { name: 'timeColumn' }), 'Auto-detect finds a date column or year + month.');
  const sheetField = field('Sheet', h('select', { name: 'sheet' }), 'The workbook sheet to read.');
  sheetField.wrapper.hidden = true;
  // A log of orders, sales or events: the API combines each step's rows into one value.
  const aggregateField = field(
    'Combine rows',
    h(
      'select',
      { name: 'aggregate' },
      h('option', { value: '' }, 'No: a row per time step'),
      ...AGGREGATIONS.map((a) => h('option', { value: a }, `by their ${a}`)),
    ),
    'For a log of orders, sales or events: one value per step.',
  );
  const frequencyField = field(
    'Step',
    h(
      'select',
      { name: 'frequency' },
      h('option', { value: '' }, 'rows sharing a timestamp'),
      ...Object.keys(RESAMPLE_FREQUENCIES).map((f) => h('option', { value: f }, f)),
    ),
    'The step rows are combined into; empty steps are 0 for sum and count.',
  );
  const previewInfo = h('div', { class: 'preview-info' });
  const previewTable = h('div', { class: 'table-scroll' });
  const previewChartEl = h('div', { class: 'chart', id: 'preview-chart' });
  const saveButton = h('button', { type: 'submit' }, 'Save dataset');
  const cancelButton = h('button', { type: 'button', class: 'secondary' }, 'Discard');
  const formError = h('div', { class: 'form-error' });
  // After a save the preview closes; what was saved (and what the API changed) shows here.
  const savedStatus = h('div', { class: 'saved-status', 'aria-live': 'polite' });
  const previewSection = h(
    'section',
    { class: 'preview', hidden: true, 'aria-label': 'Preview' },
    h('div', { class: 'grid-3' }, nameField.wrapper, layoutField.wrapper, seriesField.wrapper),
    h('div', { class: 'grid-3' }, valueField.wrapper, timeField.wrapper, sheetField.wrapper),
    h('div', { class: 'grid-3' }, aggregateField.wrapper, frequencyField.wrapper),
    previewInfo,
    previewTable,
    previewChartEl,
    formError,
    h('div', { class: 'actions' }, saveButton, cancelButton),
  );
  const form = h(
    'form',
    { class: 'card upload', novalidate: true },
    h('h2', {}, 'Upload a series or a panel'),
    dropZone,
    fileError,
    savedStatus,
    previewSection,
  );

  const fields: Record<string, Field<HTMLInputElement | HTMLSelectElement>> = {
    name: nameField,
    seriesColumn: seriesField,
    valueColumn: valueField,
    timeColumn: timeField,
    aggregate: aggregateField,
    frequency: frequencyField,
  };
  /** What is sent: the chosen file, or its JSON (JSON Lines as one array). */
  let file: Blob | null = null;
  let preview: CsvPreview | null = null;
  /** seqcast's own JSON body ({ values } / { series }): its columns are its own, no options are sent. */
  let ownJsonBody = false;
  /** An .xlsx workbook's sheets: the chosen sheet's CSV is what is previewed and sent. */
  let workbook: WorkbookSheet[] | null = null;
  /** A gzip file or ZIP archive chosen: its name, and which of the archive's files was read. */
  let unpacked: { from: string; note?: string } | null = null;
  /** How the table was rewritten before it is previewed and sent, as the API rewrites it. */
  let tableNote: string | null = null;
  /** A header of two levels (pandas' MultiIndex columns, yfinance) or a calendar table (a row per
   *  year, a column per month) as the plain CSV the API reads it as. */
  const plainTable = (csv: string): string => {
    const table = multiLevelHeaderAsCsv(csv) ?? calendarTableAsCsv(csv);
    tableNote = table?.warning ?? null;
    return table?.csv ?? csv;
  };

  const clearErrors = () => {
    Object.values(fields).forEach((f) => f.setError(null));
    fileError.hidden = true;
    formError.replaceChildren();
    savedStatus.replaceChildren();
  };
  const showFileError = (message: string) => {
    fileError.textContent = message;
    fileError.hidden = false;
  };

  const layout = () => layoutField.control.value as 'single' | 'long' | 'wide' | 'rows';
  /** One series read across the header: a file of a row per series that holds one row, kept as one
   *  series, as the API stores it when no column is named. */
  const sideways = () => layout() === 'single' && !!preview?.rowsLayout && preview.rows.length === 1;
  /** What the chart shows: the value column, a long panel's first series, or a wide panel's first column. */
  const chartedSeries = (p: CsvPreview) => {
    if (layout() === 'long' && seriesField.control.value) {
      const keys = seriesKeys(p, seriesField.control.value);
      return {
        rows: onlySeries(p, seriesField.control.value, keys[0] ?? ''),
        column: valueField.control.value,
        label: `series ${keys[0] ?? ''}`,
        panelNote: ` · ${keys.length} series (${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}); chart: the first`,
      };
    }
    if (layout() === 'wide') {
      const columns = p.numericColumns;
      return {
        rows: p,
        column: columns[0] ?? '',
        label: columns[0] ?? 'value',
        panelNote: ` · ${columns.length} series, one per numeric column (${columns.slice(0, 5).join(', ')}${columns.length > 5 ? ', …' : ''}); chart: the first`,
      };
    }
    if (layout() === 'rows' && p.rowsLayout) return firstRowSeries(p, p.rowsLayout);
    if (sideways() && p.rowsLayout)
      return { ...firstRowSeries(p, p.rowsLayout), panelNote: ' · one row, read across its columns' };
    return { rows: p, column: valueField.control.value, label: valueField.control.value || 'value', panelNote: '' };
  };

  const drawPreview = () => {
    if (!preview) return;
    const charted = chartedSeries(preview);
    const valueColumn = charted.column;
    layoutField.wrapper.hidden = ownJsonBody;
    seriesField.wrapper.hidden = ownJsonBody || layout() !== 'long';
    const acrossColumns = layout() === 'rows' || sideways();
    valueField.wrapper.hidden = ownJsonBody || layout() === 'wide' || acrossColumns;
    timeField.wrapper.hidden = ownJsonBody || acrossColumns;
    aggregateField.wrapper.hidden = ownJsonBody || acrossColumns;
    frequencyField.wrapper.hidden = aggregateField.wrapper.hidden || !aggregateField.control.value;
    const combined = aggregateField.wrapper.hidden ? '' : aggregateField.control.value;
    const step = frequencyField.control.value;
    const series = previewSeries(
      charted.rows,
      valueColumn,
      timeField.control.value,
      combined ? { how: combined as Aggregation, step: step ? RESAMPLE_FREQUENCIES[step] : undefined } : undefined,
    );
    const bad = series.badRows.length;
    const missing = series.missingRows.length;
    replaceChildren(
      previewInfo,
      h(
        'p',
        {},
        `${preview.rows.length === 1 ? '1 row' : `${preview.rows.length} rows`} · ${preview.columns.length} columns (${preview.columns.join(', ')})`,
        preview.skippedLines
          ? ` · ${preview.skippedLines} line${preview.skippedLines > 1 ? 's' : ''} before the header skipped (a title or note block)`
          : '',
        preview.unitsLines
          ? ` · ${preview.unitsLines} line${preview.unitsLines > 1 ? 's' : ''} of units under the header skipped`
          : '',
        preview.headerless ? ' · no header row: columns named as the API names them' : '',
        unpacked ? ` · unpacked from ${unpacked.from}` : '',
        series.times ? ' · time axis from the data' : ' · no time column: steps',
        charted.panelNote,
        ownJsonBody ? ' · seqcast’s JSON body: its columns are its own' : '',
        combined
          ? ` · chart: the rows of each ${step ? `${step} step` : 'timestamp'} combined by their ${combined}, as the API will store them`
          : '',
      ),
      ...[unpacked?.note, tableNote].map((note) => (note ? notice(note, 'info') : null)),
      series.repeatedTimeRow && layout() === 'single'
        ? notice(
            `Data row ${series.repeatedTimeRow} repeats an earlier row's time: a log of orders or events? Choose how ` +
              '"Combine rows" makes one value per step, or pick a panel layout if the rows are several series.',
            'info',
          )
        : null,
      bad
        ? notice(
            `${bad} row(s) of "${valueColumn}" are not numbers (first: data row ${series.badRows[0]}); the API will reject them.`,
            'info',
          )
        : null,
      missing
        ? notice(
            `${missing} value(s) of "${valueColumn}" are missing (NA or empty; first: data row ${series.missingRows[0]}); ` +
              (series.times ? 'the API fills them as gaps in time.' : 'without a time column the API will reject them.'),
            'info',
          )
        : null,
    );
    const head = h(
      'tr',
      {},
      ...preview.columns.map((c) => h('th', { scope: 'col', class: c === valueColumn ? 'chosen' : '' }, c)),
    );
    const rows = preview.rows
      .slice(0, PREVIEW_ROWS)
      .map((r) => h('tr', {}, ...preview!.columns.map((_, i) => h('td', {}, r[i] ?? ''))));
    replaceChildren(
      previewTable,
      h(
        'table',
        { class: 'preview-table' },
        h('caption', {}, preview.rows.length === 1 ? 'The one row' : `First ${Math.min(PREVIEW_ROWS, preview.rows.length)} rows`),
        h('thead', {}, head),
        h('tbody', {}, ...rows),
      ),
    );
    previewChart?.destroy();
    const x = series.times ?? series.values.map((_, i) => i + 1);
    previewChart = mountUPlot(
      previewChartEl,
      {
        height: 220,
        tzDate: utcDate,
        scales: { x: { time: series.times !== null } },
        series: [{ label: series.times ? 'time' : 'row' }, { label: charted.label, stroke: PALETTE[0], width: 1.5 }],
        axes: [{}, valueAxis()],
      },
      [x, series.values],
    );
    previewChartEl.dataset.points = String(series.values.filter((v) => v !== null).length);
    previewChartEl.setAttribute('role', 'img');
    previewChartEl.setAttribute('aria-label', `Preview of ${charted.label}: ${series.values.length} points`);
  };

  const loadFile = async (chosen: File) => {
    clearErrors();
    file = chosen;
    ownJsonBody = false;
    workbook = null;
    sheetField.wrapper.hidden = true;
    unpacked = null;
    tableNote = null;
    let jsonName: string | undefined;
    let text: string;
    let fileName = chosen.name;
    try {
      let bytes: Uint8Array = new Uint8Array(await chosen.arrayBuffer());
      // A gzip file or ZIP archive is read as the file inside it, which is what is previewed and sent.
      const inner = unpackCompressedFile(bytes, chosen.name);
      if (inner) {
        bytes = inner.bytes;
        fileName = inner.name;
        unpacked = { from: chosen.name, note: inner.note };
        file = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'text/csv' });
      }
      if (isParquetFile(bytes)) {
        text = plainTable(await readParquetFile(bytes));
        file = new Blob([text], { type: 'text/csv' });
      } else if (isWorkbookFile({ name: fileName, type: inner ? undefined : chosen.type }) || isZipArchive(bytes)) {
        workbook = await readWorkbookFile(bytes);
        const read = sheetAsCsv(workbook);
        replaceChildren(
          sheetField.control,
          ...workbook.map((s) => h('option', { value: s.sheet, selected: s.sheet === read.sheet }, s.sheet)),
        );
        sheetField.wrapper.hidden = workbook.length < 2;
        text = plainTable(read.csv);
        file = new Blob([text], { type: 'text/csv' });
      } else {
        text = decodeCsvFile(bytes);
        // JSON is read as the API reads it: a table's CSV is previewed, and the JSON is what is sent.
        if (isJsonFile(fileName, text)) {
          const json = readJsonFile(text);
          text = json.csv;
          ownJsonBody = json.ownBody;
          jsonName = json.name;
          file = new Blob([JSON.stringify(json.json)], { type: 'application/json' });
        } else {
          // A two-level header or a calendar table is previewed and sent as the API reads it.
          const plain = plainTable(text);
          if (plain !== text) {
            text = plain;
            file = new Blob([text], { type: 'text/csv' });
          }
        }
      }
    } catch (error) {
      file = null;
      previewSection.hidden = true;
      showFileError(`Could not read the file: ${errorMessage(error)}`);
      return;
    }
    nameField.control.value = jsonName ?? (fileName.replace(/\.[^.]+$/, '') || 'dataset');
    showTable(text);
  };

  /** The preview and the column choices of the CSV that will be sent. */
  const showTable = (text: string) => {
    preview = parseCsvPreview(text);
    if (preview.columns.length === 0) {
      showFileError(workbook ? 'The sheet is empty.' : 'The file is empty.');
      previewSection.hidden = !workbook;
      return;
    }
    replaceChildren(
      valueField.control,
      ...preview.columns.map((c) => h('option', { value: c, selected: c === preview!.suggestedValueColumn }, c)),
    );
    const autoLabel = preview.timeColumns.length ? `auto (${preview.timeColumns.join(' + ')})` : 'auto (none found)';
    replaceChildren(
      timeField.control,
      h('option', { value: '' }, autoLabel),
      ...preview.columns.map((c) => h('option', { value: c }, c)),
    );
    const idColumns = suggestSeriesColumns(preview);
    const joined = idColumns.join(',');
    replaceChildren(
      seriesField.control,
      ...(idColumns.length > 1 ? [h('option', { value: joined, selected: true }, idColumns.join(' + '))] : []),
      ...preview.columns.map((c) => h('option', { value: c, selected: c === joined }, c)),
    );
    layoutField.control.value = preview.rowsLayout
      ? preview.rows.length === 1
        ? 'single'
        : 'rows'
      : preview.numberedColumns
        ? 'wide'
        : idColumns.length
          ? 'long'
          : 'single';
    if (!preview.numericColumns.length) valueField.setError('No column looks numeric; pick the one to forecast.');
    previewSection.hidden = false;
    drawPreview();
  };

  fileInput.addEventListener('change', () => {
    if (fileInput.files?.[0]) void loadFile(fileInput.files[0]);
  });
  sheetField.control.addEventListener('change', () => {
    if (!workbook) return;
    clearErrors();
    const csv = plainTable(sheetAsCsv(workbook, sheetField.control.value).csv);
    file = new Blob([csv], { type: 'text/csv' });
    showTable(csv);
  });
  valueField.control.addEventListener('change', () => {
    valueField.setError(null);
    drawPreview();
  });
  timeField.control.addEventListener('change', () => {
    timeField.setError(null);
    drawPreview();
  });
  for (const f of [layoutField, seriesField, aggregateField, frequencyField])
    f.control.addEventListener('change', () => {
      f.setError(null);
      drawPreview();
    });
  // The input sits inside the label, visually hidden but focusable: clicks, Enter and Space open
  // the picker, and :focus-within shows the focus ring on the zone.
  for (const type of ['dragenter', 'dragover'] as const) {
    dropZone.addEventListener(type, (e) => {
      e.preventDefault();
      dropZone.classList.add('dragging');
    });
  }
  for (const type of ['dragleave', 'drop'] as const) dropZone.addEventListener(type, () => dropZone.classList.remove('dragging'));
  dropZone.addEventListener('drop', (e) => {
    e.preventDefault();
    const dropped = e.dataTransfer?.files?.[0];
    if (dropped) void loadFile(dropped);
  });
  cancelButton.addEventListener('click', () => {
    file = null;
    preview = null;
    ownJsonBody = false;
    workbook = null;
    fileInput.value = '';
    previewSection.hidden = true;
    previewChart?.destroy();
    previewChart = undefined;
    clearErrors();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file) return showFileError('Choose a file first.');
    clearErrors();
    const name = nameField.control.value.trim();
    if (!name) return nameField.setError('Give the dataset a name.');
    saveButton.disabled = true;
    saveButton.textContent = 'Saving…';
    try {
      const kind = layout();
      const saved = await api.uploadDataset(
        file,
        ownJsonBody || sideways()
          ? { name }
          : {
              name,
              valueColumn: kind === 'single' || kind === 'long' ? valueField.control.value || undefined : undefined,
              timeColumn: kind !== 'rows' ? timeField.control.value || undefined : undefined,
              ...(kind === 'long' ? { seriesColumn: seriesField.control.value } : kind === 'single' ? {} : { format: kind }),
              ...(kind !== 'rows' && aggregateField.control.value
                ? {
                    aggregate: aggregateField.control.value as Aggregation,
                    frequency: frequencyField.control.value || undefined,
                  }
                : {}),
            },
      );
      toast(
        saved.panel
          ? `Saved "${saved.name}" (${saved.seriesCount} series, ${saved.length} points)`
          : `Saved "${saved.name}" (${saved.length} points)`,
      );
      cancelButton.click();
      form.reset();
      await reloadList();
      replaceChildren(
        savedStatus,
        notice(`Saved "${saved.name}".`, 'info'),
        ' ',
        saved.panel ? h('a', { href: `#/datasets/${saved.id}` }, `See its ${saved.seriesCount} series →`) : null,
        saved.panel ? ' ' : null,
        h('a', { href: `#/runs/new?datasetId=${saved.id}` }, 'Train a model on it →'),
        // What the API changed or ignored (missing time steps filled, a date column not read).
        ...(saved.warnings ?? []).map((w) => h('p', { class: 'notice warning', role: 'status' }, w)),
      );
    } catch (error) {
      showApiError(error);
    } finally {
      saveButton.disabled = false;
      saveButton.textContent = 'Save dataset';
    }
  });

  const showApiError = (error: unknown) => {
    const message = errorMessage(error);
    // The API names the column or parameter; a line-level problem is about the value column.
    // Only a field the form shows can hold the message ("frequency" also names the panel's own).
    const shown = Object.keys(fields).filter((k) => !fields[k].wrapper.hidden);
    let target = fieldNamedIn(message, shown);
    if (!target && error instanceof ApiError && preview) {
      const column = /column "([^"]+)"/i.exec(message)?.[1];
      if (column && column === timeField.control.value) target = 'timeColumn';
      else if (column || /^Line \d+/.test(message)) target = 'valueColumn';
    }
    if (target) {
      fields[target].setError(message);
      fields[target].control.focus();
    } else if (error instanceof ApiError && error.status === 413) showFileError(message);
    else replaceChildren(formError, notice(message));
  };

  // ---- list ---------------------------------------------------------------------------------
  const sparkQueue: Array<() => Promise<void>> = [];
  let sparksInFlight = 0;
  const pumpSparklines = () => {
    while (sparksInFlight < MAX_SPARKLINES_IN_FLIGHT && sparkQueue.length) {
      const job = sparkQueue.shift()!;
      sparksInFlight++;
      void job().finally(() => {
        sparksInFlight--;
        pumpSparklines();
      });
    }
  };

  const row = (d: DatasetDto) => {
    const cell = h('td', { class: 'spark-cell' }, h('span', { class: 'muted' }, '…'));
    sparkQueue.push(async () => {
      try {
        if (d.panel) {
          // A panel: its first series' shape (the API's sparkline, not its points).
          const first = (await api.listDatasetSeries(d.id, { limit: 1, sparkline: true }, aborter.signal)).items[0];
          replaceChildren(cell, first?.sparkline ? sparkline(first.sparkline, `${d.name}: first series, ${first.key}`) : '—');
          return;
        }
        const full = await api.getDatasetValues(d.id, aborter.signal);
        replaceChildren(cell, sparkline(full.values, `${d.name}: ${d.length} points`));
      } catch {
        if (!aborter.signal.aborted) replaceChildren(cell, '—');
      }
    });
    return h(
      'tr',
      { 'data-dataset-id': d.id, 'data-panel': d.panel || undefined },
      h(
        'th',
        { scope: 'row' },
        ...(d.panel
          ? [h('a', { href: `#/datasets/${d.id}` }, d.name), ' ', h('span', { class: 'tag' }, `panel · ${d.seriesCount} series`)]
          : [d.name]),
      ),
      h('td', { class: 'num' }, String(d.length)),
      h('td', {}, d.frequency ?? '—'),
      cell,
      h(
        'td',
        {},
        d.panel ? (d.seriesColumn === 'wide' ? 'wide' : `${d.seriesColumn} → ${d.valueColumn ?? '—'}`) : (d.valueColumn ?? '—'),
      ),
      h('td', {}, formatDateTime(d.createdAt)),
      h(
        'td',
        { class: 'actions-cell' },
        h('a', { href: `#/runs/new?datasetId=${d.id}` }, 'New run'),
        ' ',
        h('a', { href: `#/runs?datasetId=${d.id}` }, 'Runs'),
      ),
    );
  };

  const loadPage = async (cursor: string | null) => {
    try {
      const page = await api.listDatasets(cursor);
      if (aborter.signal.aborted) return;
      listBody.append(...page.items.map(row));
      pumpSparklines();
      nextCursor = page.nextCursor;
      moreButton.hidden = !nextCursor;
      replaceChildren(
        listStatus,
        listBody.children.length ? null : h('p', { class: 'muted' }, 'No datasets yet: upload one above.'),
      );
    } catch (error) {
      replaceChildren(listStatus, notice(`Could not load datasets: ${errorMessage(error)}`));
    }
  };
  const reloadList = async () => {
    listBody.replaceChildren();
    sparkQueue.length = 0;
    await loadPage(null);
  };
  moreButton.addEventListener('click', () => void loadPage(nextCursor));

  outlet.append(
    h('h1', {}, 'Datasets'),
    form,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'datasets-list-title' },
      h('h2', { id: 'datasets-list-title' }, 'Saved datasets'),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'datasets-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Name', 'Points', 'Frequency', 'Shape', 'Value column', 'Created', ''].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          listBody,
        ),
      ),
      listStatus,
      moreButton,
    ),
  );
  void reloadList();

  return () => {
    aborter.abort();
    previewChart?.destroy();
  };
}

// New run: dataset + preset, optional parameter overrides (blank = the preset's value) with the
// bounds the API enforces shown beside each, and an optional backtest (folds and step; both blank =
// none). On a panel: local or global mode and an optional subset of series instead of the backtest.
// Parameter, backtest and panel errors from the API land on their field.
import { api } from '../api/api-client';
import { errorMessage } from '../api/api-error';
import type { DatasetDto } from '@seqcast/contracts';
import {
  ALL_PARAMS,
  MAIN_PARAMS,
  MAX_BACKTEST_FOLDS,
  MORE_PARAMS,
  presetValue,
  readBacktest,
  readParam,
  type ParamSpec,
  type PresetName,
} from '../params/param-specs';
import { navigate, type RouteContext } from '../router';
import { h, replaceChildren } from '../ui/dom';
import { field, fieldNamedIn, type Field } from '../ui/field';
import { notice } from '../ui/widgets';

const PRESETS: { name: PresetName; blurb: string }[] = [
  { name: 'seed', blurb: 'The reference protocol: 100 units, batch 1, 300 epochs. Slow; the comparison point.' },
  {
    name: 'default',
    blurb:
      'Chooses per series among GRU designs and ETS/Theta hybrids by validation; forecasts one natural period ' +
      '(a year of months, a day of half-hours); p10–p90 intervals.',
  },
  { name: 'quick', blurb: 'For demos and smoke tests: 16 units, 20 epochs. Seconds, not minutes.' },
];

export function newRunPage({ outlet, query }: RouteContext): () => void {
  let alive = true;
  let datasets: DatasetDto[] = [];

  const datasetField = field('Dataset', h('select', { name: 'datasetId', required: true }));
  const presetGroup = h(
    'fieldset',
    { class: 'presets' },
    h('legend', {}, 'Preset'),
    ...PRESETS.map((p) =>
      h(
        'label',
        { class: 'preset-option' },
        h('input', { type: 'radio', name: 'preset', value: p.name, checked: p.name === (query.get('preset') ?? 'seed') }),
        h('strong', {}, p.name),
        h('small', {}, p.blurb),
      ),
    ),
  );
  const presetError = h('p', { class: 'field-error', hidden: true });
  const paramFields = new Map<string, Field<HTMLInputElement | HTMLSelectElement>>();

  const makeParamField = (spec: ParamSpec) => {
    let control: HTMLInputElement | HTMLSelectElement;
    if (spec.kind === 'bool')
      control = h(
        'select',
        { name: spec.name },
        h('option', { value: '' }, 'preset'),
        h('option', { value: 'true' }, 'true'),
        h('option', { value: 'false' }, 'false'),
      );
    else if (spec.kind === 'choice')
      control = h(
        'select',
        { name: spec.name },
        h('option', { value: '' }, 'preset'),
        ...spec.options.map((o) => h('option', { value: o }, o)),
      );
    else
      control = h('input', {
        type: 'number',
        name: spec.name,
        inputMode: spec.kind === 'int' ? 'numeric' : 'decimal',
        min: spec.min,
        step: spec.step ?? 1,
      });
    const f = field(spec.label, control, spec.help);
    paramFields.set(spec.name, f);
    return f.wrapper;
  };
  const mainGrid = h('div', { class: 'grid-3' }, ...MAIN_PARAMS.map(makeParamField));
  const moreGrid = h('div', { class: 'grid-3' }, ...MORE_PARAMS.map(makeParamField));
  const foldsField = field(
    'Backtest folds',
    h('input', { type: 'number', name: 'backtestFolds', inputMode: 'numeric', min: 1, max: MAX_BACKTEST_FOLDS, step: 1 }),
    `Earlier forecast origins to score the params at, 1–${MAX_BACKTEST_FOLDS}. Blank = no backtest.`,
  );
  const stepField = field(
    'Step',
    h('input', { type: 'number', name: 'backtestStep', inputMode: 'numeric', min: 1, step: 1 }),
    'Points between consecutive origins (e.g. 12 for a year of monthly data).',
  );
  const backtestError = h('p', { class: 'field-error', id: 'backtest-error', hidden: true });
  const modeGroup = h(
    'fieldset',
    { class: 'presets', id: 'panel-mode' },
    h('legend', {}, 'Mode'),
    h(
      'label',
      { class: 'preset-option' },
      h('input', { type: 'radio', name: 'mode', value: 'local', checked: true }),
      h('strong', {}, 'local'),
      h('small', {}, 'One model per series, trained in chunks spread over every worker. The default.'),
    ),
    h(
      'label',
      { class: 'preset-option' },
      h('input', { type: 'radio', name: 'mode', value: 'global' }),
      h('strong', {}, 'global'),
      h(
        'small',
        {},
        'One model trained on every series (each scaled on its own), then forecasting each; a series too short for its window is fitted on its own. Faster on many series, usually less accurate than local.',
      ),
    ),
  );
  const modeError = h('p', { class: 'field-error', hidden: true });
  const seriesField = field(
    'Series (optional)',
    h('textarea', { name: 'series', rows: 4, spellcheck: false, placeholder: 'Every series' }),
    'Train only these: one key per line. Blank = every series of the panel.',
  );
  const panelSection = h(
    'section',
    { id: 'panel-options', hidden: true, 'aria-labelledby': 'panel-options-title' },
    h('h2', { id: 'panel-options-title' }, 'Panel'),
    h('p', { class: 'muted panel-note' }),
    h('div', { class: 'grid-2' }, h('div', {}, modeGroup, modeError), seriesField.wrapper),
  );
  const backtestSection = h('section', { id: 'backtest-options' });
  const submit = h('button', { type: 'submit' }, 'Start training');
  const formError = h('div', { class: 'form-error' });
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('div', { class: 'grid-2' }, datasetField.wrapper, h('div', {}, presetGroup, presetError)),
    h('h2', {}, 'Parameters'),
    h('p', { class: 'muted' }, 'Leave a field blank to keep the preset value (shown greyed). Bounds are those the API enforces.'),
    mainGrid,
    h('details', {}, h('summary', {}, 'More parameters'), moreGrid),
    panelSection,
    backtestSection,
    formError,
    h('div', { class: 'actions' }, submit),
  );

  backtestSection.append(
    h('h2', {}, 'Backtest'),
    h(
      'p',
      { class: 'muted' },
      'Optional: also train and score these params at earlier origins (rolling origin), before the run itself trains.',
    ),
    h('div', { class: 'grid-3' }, foldsField.wrapper, stepField.wrapper),
    backtestError,
  );

  const chosen = () => datasets.find((d) => d.id === datasetField.control.value);
  /** A panel's options replace the backtest (not available for panels). */
  const refreshPanel = () => {
    const d = chosen();
    panelSection.hidden = !d?.panel;
    backtestSection.hidden = !!d?.panel;
    if (d?.panel)
      panelSection.querySelector('.panel-note')!.textContent =
        `"${d.name}" is a panel of ${d.seriesCount} series: each is trained and scored on its own holdout, and the run shows them side by side.`;
  };
  const preset = () => (form.querySelector<HTMLInputElement>('input[name=preset]:checked')?.value ?? 'seed') as PresetName;
  // A panel's params are checked against its longest series, which the form does not know: no series bound then.
  const datasetLength = () => (chosen()?.panel ? 0 : (chosen()?.length ?? 0));

  /** Placeholders show the preset's values; hints show the bounds for the chosen dataset. */
  const refreshHints = () => {
    const n = datasetLength();
    for (const spec of ALL_PARAMS) {
      const f = paramFields.get(spec.name)!;
      const value = presetValue(preset(), spec.name);
      const hint = f.wrapper.querySelector('.hint')!;
      if (spec.kind === 'int' || spec.kind === 'number') {
        // Bounds that depend on the series (window, holdout) wait for a dataset to be chosen.
        const max = spec.max(n || Infinity);
        (f.control as HTMLInputElement).placeholder = String(value);
        (f.control as HTMLInputElement).max = Number.isFinite(max) ? String(max) : '';
        hint.textContent = `${spec.help} ${spec.min}–${Number.isFinite(max) ? max : 'series length'}.`;
      } else {
        const first = f.control.querySelector('option')!;
        first.textContent = `preset (${String(value)})`;
        hint.textContent = spec.help;
      }
    }
  };

  presetGroup.addEventListener('change', refreshHints);
  datasetField.control.addEventListener('change', () => {
    refreshHints();
    refreshPanel();
  });

  const clearErrors = () => {
    datasetField.setError(null);
    presetError.hidden = true;
    paramFields.forEach((f) => f.setError(null));
    foldsField.setError(null);
    stepField.setError(null);
    backtestError.hidden = true;
    modeError.hidden = true;
    seriesField.setError(null);
    formError.replaceChildren();
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    const datasetId = datasetField.control.value;
    if (!datasetId) return datasetField.setError('Choose a dataset (upload one on the Datasets page).');
    const params: Record<string, unknown> = {};
    for (const spec of ALL_PARAMS) {
      const value = readParam(spec, paramFields.get(spec.name)!.control.value);
      if (value !== undefined) params[spec.name] = value;
    }
    const panel = chosen()?.panel
      ? {
          mode: (form.querySelector<HTMLInputElement>('input[name=mode]:checked')?.value ?? 'local') as 'local' | 'global',
          series: seriesField.control.value
            .split('\n')
            .map((k) => k.trim())
            .filter(Boolean),
        }
      : null;
    const backtest = panel ? null : readBacktest(foldsField.control.value, stepField.control.value);
    submit.disabled = true;
    try {
      const run = await api.createRun({
        datasetId,
        preset: preset(),
        params,
        ...(backtest ? { backtest } : {}),
        ...(panel ? { mode: panel.mode, ...(panel.series.length ? { series: panel.series } : {}) } : {}),
      });
      navigate(`/runs/${run.id}`);
    } catch (error) {
      const message = errorMessage(error);
      // backtest.folds / backtest.step before backtest: a tie goes to the earlier name.
      const target = fieldNamedIn(message, [
        'backtest.folds',
        'backtest.step',
        'backtest',
        ...(panel ? ['series', 'mode'] : []),
        ...ALL_PARAMS.map((p) => p.name),
        'datasetId',
        'dataset',
        'preset',
      ]);
      if (target === 'backtest.folds' || target === 'backtest.step') {
        const f = target === 'backtest.folds' ? foldsField : stepField;
        f.setError(message);
        f.control.focus();
      } else if (target === 'backtest') {
        // About the backtest as a whole (it does not fit the series): under both of its fields.
        backtestError.textContent = message;
        backtestError.hidden = false;
        foldsField.control.focus();
      } else if (target === 'series') {
        seriesField.setError(message);
        seriesField.control.focus();
      } else if (target === 'mode') {
        modeError.textContent = message;
        modeError.hidden = false;
      } else if (target === 'datasetId' || target === 'dataset') datasetField.setError(message);
      else if (target === 'preset') {
        presetError.textContent = message;
        presetError.hidden = false;
      } else if (target) {
        const f = paramFields.get(target)!;
        if (f.wrapper.closest('details')) f.wrapper.closest('details')!.open = true;
        f.setError(message);
        f.control.focus();
      } else replaceChildren(formError, notice(message));
    } finally {
      if (alive) submit.disabled = false;
    }
  });

  outlet.append(h('h1', {}, 'New run'), form);
  refreshHints();

  void (async () => {
    try {
      // Newest first; a long tail of datasets is reachable from the Datasets page's links.
      const page = await api.listDatasets(null, 100);
      if (!alive) return;
      datasets = page.items;
      const wanted = query.get('datasetId');
      if (wanted && !datasets.some((d) => d.id === wanted)) {
        datasets.unshift(await api.getDataset(wanted));
      }
      replaceChildren(
        datasetField.control,
        h('option', { value: '' }, datasets.length ? 'Choose…' : 'No datasets yet'),
        ...datasets.map((d) =>
          h(
            'option',
            { value: d.id, selected: d.id === wanted },
            d.panel ? `${d.name} (panel: ${d.seriesCount} series)` : `${d.name} (${d.length} points)`,
          ),
        ),
      );
      refreshHints();
      refreshPanel();
    } catch (error) {
      datasetField.setError(`Could not load datasets: ${errorMessage(error)}`);
    }
  })();

  return () => {
    alive = false;
  };
}

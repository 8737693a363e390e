// New run: dataset + preset, optional parameter overrides (blank = the preset's value) with the
// bounds the API enforces shown beside each, and an optional backtest (folds and step; both blank =
// none). Parameter and backtest errors from the API land on their field.
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
  { name: 'default', blurb: 'Tuned for quality: log, seasonal profile, 24-step windows, early stopping; p10–p90 intervals.' },
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
    h('h2', {}, 'Backtest'),
    h(
      'p',
      { class: 'muted' },
      'Optional: also train and score these params at earlier origins (rolling origin), before the run itself trains.',
    ),
    h('div', { class: 'grid-3' }, foldsField.wrapper, stepField.wrapper),
    backtestError,
    formError,
    h('div', { class: 'actions' }, submit),
  );

  const preset = () => (form.querySelector<HTMLInputElement>('input[name=preset]:checked')?.value ?? 'seed') as PresetName;
  const datasetLength = () => datasets.find((d) => d.id === datasetField.control.value)?.length ?? 0;

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
  datasetField.control.addEventListener('change', refreshHints);

  const clearErrors = () => {
    datasetField.setError(null);
    presetError.hidden = true;
    paramFields.forEach((f) => f.setError(null));
    foldsField.setError(null);
    stepField.setError(null);
    backtestError.hidden = true;
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
    const backtest = readBacktest(foldsField.control.value, stepField.control.value);
    submit.disabled = true;
    try {
      const run = await api.createRun({ datasetId, preset: preset(), params, ...(backtest ? { backtest } : {}) });
      navigate(`/runs/${run.id}`);
    } catch (error) {
      const message = errorMessage(error);
      // backtest.folds / backtest.step before backtest: a tie goes to the earlier name.
      const target = fieldNamedIn(message, [
        'backtest.folds',
        'backtest.step',
        'backtest',
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
        ...datasets.map((d) => h('option', { value: d.id, selected: d.id === wanted }, `${d.name} (${d.length} points)`)),
      );
      refreshHints();
    } catch (error) {
      datasetField.setError(`Could not load datasets: ${errorMessage(error)}`);
    }
  })();

  return () => {
    alive = false;
  };
}

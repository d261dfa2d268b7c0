// What .ci/mlflow-e2e/run.sh left in a real MLflow server, checked twice: through MLflow's REST API against the files
// the builds wrote (the figures of a run must equal its validation.json: the example's own build, and production
// 1.0.0 against the validation.json inside its released jar; the monitoring run against monitoring.json; the alias
// production on the version rolled back to), then in MLflow's own web UI in headless Chromium (Debian's package,
// never a downloaded browser): the experiment with its runs, a run's metrics and params as the table shows them, the
// registered model with the alias production on the right version. Screenshots go to the work folder.
//
// Usage: node mlflow-e2e.mjs <tracking URI> <work folder of run.sh> [--no-browser]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, work, ...options] = process.argv.slice(2);
if (!base || !work || options.some((o) => o !== '--no-browser')) {
  console.error('usage: node mlflow-e2e.mjs <tracking URI> <work folder> [--no-browser]');
  process.exit(2);
}
const MODEL = 'credit-risk';
const problems = [];
const check = (condition, message) => {
  if (!condition) problems.push(message);
  return condition;
};
const json = (name) => JSON.parse(readFileSync(join(work, name), 'utf8'));

async function api(endpoint, query = {}, body = undefined) {
  const url = `${base}/api/2.0/mlflow/${endpoint}?${new URLSearchParams(query)}`;
  const response = await fetch(url, body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${endpoint}: HTTP ${response.status} ${text}`);
  return JSON.parse(text);
}
const keyed = (list) => Object.fromEntries((list ?? []).map((e) => [e.key, e.value]));

// ------------------------------------------------------------------------------------------- REST API
const experiment = (await api('experiments/get-by-name', { experiment_name: MODEL })).experiment;

// A validation run read back against the validation.json it was logged from: every metric with exactly the value
// the gate judged (the same double, MLflow stores it as it came), the params and tags that say what was validated.
async function checkRun(runId, validation, label) {
  const before = problems.length;
  const run = (await api('runs/get', { run_id: runId })).run;
  const metrics = keyed(run.data.metrics);
  const params = keyed(run.data.params);
  const tags = keyed(run.data.tags);
  check(run.info.experiment_id === experiment.experiment_id, `${label}: run ${runId} is not in experiment ${MODEL}`);
  check(run.info.status === 'FINISHED', `${label}: run status ${run.info.status}`);
  const expected = Object.entries(validation.metrics).filter(([, v]) => v !== null);
  check(expected.length >= 8, `${label}: only ${expected.length} metrics in validation.json`);
  for (const [key, value] of expected) {
    check(metrics[key] === value, `${label}: metric ${key} is ${metrics[key]} in MLflow, ${value} in validation.json`);
  }
  for (const [cls, m] of Object.entries(validation.perClass ?? {})) {
    for (const what of ['precision', 'recall', 'f1', 'support']) {
      if (m[what] !== null) {
        check(metrics[`class.${cls}.${what}`] === m[what], `${label}: metric class.${cls}.${what} is `
          + `${metrics[`class.${cls}.${what}`]} in MLflow, ${m[what]} in validation.json`);
      }
    }
  }
  check(metrics.validation_passed === (validation.passed ? 1 : 0), `${label}: validation_passed ${metrics.validation_passed}`);
  check(params.algorithm === validation.algorithm, `${label}: param algorithm ${params.algorithm}`);
  check(params['evaluation.method'] === validation.evaluation.method, `${label}: param evaluation.method`);
  check(params['evaluation.rows'] === String(validation.evaluation.rows), `${label}: param evaluation.rows`);
  check(tags['ml.modelSha256'] === validation.modelSha256, `${label}: tag ml.modelSha256`);
  check(tags['ml.validation.passed'] === String(validation.passed), `${label}: tag ml.validation.passed`);
  const files = (await api('artifacts/list', { run_id: runId, path: 'model' })).files ?? [];
  check(files.some((f) => f.path === `model/${MODEL}.model`), `${label}: no model/${MODEL}.model among the run's artifacts`);
  if (problems.length === before) {
    console.log(`mlflow-e2e: ${label}: run ${run.info.run_name} (${runId}) holds the ${expected.length} metrics of `
      + 'its validation.json, its params, tags and model file');
  }
  return { run, metrics, params };
}

// the example's own build (README.md's command, with -Dml.mlflow.trackingUri)
const example = await checkRun(json('mlflow-run.json').runId, json('validation.json'), 'the example');

// the registry after promote-locally.sh: 1.0.0 and 1.0.1 promoted, production rolled back to 1.0.0
const registered = (await api('registered-models/get', { name: MODEL })).registered_model;
const versions = (await api('model-versions/search', { filter: `name='${MODEL}'` })).model_versions ?? [];
const byRelease = Object.fromEntries(versions.map((v) => [keyed(v.tags)['ml.version'], v]));
check(versions.length === 2 && byRelease['1.0.0'] && byRelease['1.0.1'],
  `expected MLflow versions of 1.0.0 and 1.0.1, found ${JSON.stringify(Object.keys(byRelease))}`);
const production = (await api('registered-models/alias', { name: MODEL, alias: 'production' })).model_version;
check(keyed(production.tags)['ml.version'] === '1.0.0', `the alias production is on ${keyed(production.tags)['ml.version']}, not 1.0.0`);
check(JSON.stringify(registered.aliases) === JSON.stringify([{ alias: 'production', version: production.version }]),
  `aliases of ${MODEL}: ${JSON.stringify(registered.aliases)}`);
check(production.source === `runs:/${production.run_id}/model`, `production's source ${production.source}`);
// production's run against the validation.json that was released with it (in the 1.0.0 jar)
const productionRun = await checkRun(production.run_id, json('validation-1.0.0.json'), 'production 1.0.0');
console.log(`mlflow-e2e: ${MODEL}'s versions in MLflow: `
  + versions.map((v) => `${v.version} = ${keyed(v.tags)['ml.version']}`).join(', ') + `; production: ${production.version}`);

// ml:monitor's pass, in the monitoring experiment, against monitoring.json
const monitoring = json('monitoring.json');
const monitoringExperiment = (await api('experiments/get-by-name', { experiment_name: `${MODEL}-monitoring` })).experiment;
const monitoringRuns = (await api('runs/search', {}, { experiment_ids: [monitoringExperiment.experiment_id] })).runs ?? [];
check(monitoringRuns.length === 1, `${monitoringRuns.length} runs in ${MODEL}-monitoring; expected the one of ml:monitor`);
if (monitoringRuns.length > 0) {
  const metrics = keyed(monitoringRuns[0].data.metrics);
  const tags = keyed(monitoringRuns[0].data.tags);
  check(tags['ml.version'] === monitoring.productionVersion, `monitoring run tag ml.version ${tags['ml.version']}`);
  check(tags['ml.registeredModelVersion'] === production.version, `monitoring run tag ml.registeredModelVersion`);
  check(metrics.degraded === (monitoring.degraded ? 1 : 0), `monitoring run metric degraded ${metrics.degraded}`);
  check(metrics.new_labelled_rows === monitoring.newLabelledRows, 'monitoring run metric new_labelled_rows');
  for (const [key, value] of Object.entries(monitoring.liveMetrics ?? {})) {
    if (value !== null) check(metrics[`live_${key}`] === value, `monitoring run metric live_${key}: ${metrics[`live_${key}`]} vs ${value}`);
  }
  console.log(`mlflow-e2e: ml:monitor's run in ${MODEL}-monitoring checked against monitoring.json`);
}

// ------------------------------------------------------------------------------------------- web UI
if (!options.includes('--no-browser')) {
  // imported here: the REST checks above run without the npm packages too
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const userDataDir = mkdtempSync(join(tmpdir(), 'mlflow-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  // The UI renders after its API calls return: wait for a text to be shown, never for a fixed time.
  const shown = async (page, text, what) => {
    try {
      await page.getByText(text, { exact: typeof text === 'string' }).first().waitFor({ state: 'visible', timeout: 30000 });
      return true;
    } catch {
      problems.push(`MLflow's UI did not show ${what} (${text}) at ${page.url()}`);
      return false;
    }
  };
  // A table's rows as the UI shows them: first cell -> the row's other cells.
  const rows = async (page) => {
    const result = new Map();
    for (const text of await page.locator('tr, [role=row]').allInnerTexts()) {
      // (the alias chip separates "@" and its name with a no-break space)
      const [first, ...rest] = text.split('\n').map((s) => s.replace(/\s+/g, ' ').trim());
      result.set(first, rest.join('\n'));
    }
    return result;
  };
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`mlflow-e2e: (page error in MLflow's UI: ${e.message})`));

    // The experiment: the plugin's experiments open in MLflow 3's "Model training" view (their experimentKind tag);
    // the switch is selected as a user would, and the run table lists the runs.
    await page.goto(`${base}/#/experiments/${experiment.experiment_id}/runs`);
    await shown(page, 'Model training', 'the workflow switch');
    const assistant = page.getByRole('button', { name: 'Close' });
    if (await assistant.count() > 0 && await assistant.first().isVisible()) await assistant.first().click();
    await page.getByText('Model training', { exact: true }).first().click();
    await shown(page, example.run.info.run_name, "the example's run in the run table");
    await shown(page, productionRun.run.info.run_name, "production's run in the run table");
    await page.screenshot({ path: join(work, 'mlflow-experiment.png') });

    // A run: its metrics and params tables hold the values that validation.json has
    for (const [{ run, metrics, params }, file] of [[example, 'mlflow-run-example.png'], [productionRun, 'mlflow-run.png']]) {
      await page.goto(`${base}/#/experiments/${experiment.experiment_id}/runs/${run.info.run_id}`);
      await shown(page, run.info.run_name, 'the run name');
      if (await shown(page, 'accuracy', 'the metrics table')) {
        await shown(page, 'algorithm', 'the params table');
        const table = await rows(page);
        for (const [key, value] of Object.entries(metrics)) {
          check(table.get(key) === String(value), `the UI shows metric ${key} of run ${run.info.run_name} as `
            + `${JSON.stringify(table.get(key))}, not ${value}`);
        }
        for (const key of ['algorithm', 'evaluation.method', 'evaluation.rows', 'training.rows']) {
          check(table.get(key) === params[key], `the UI shows param ${key} as ${JSON.stringify(table.get(key))}, not ${params[key]}`);
        }
      }
      await page.screenshot({ path: join(work, file) });
    }

    // The registered model: the alias production on version 1 (1.0.0, rolled back to), not on version 2
    await page.goto(`${base}/#/models/${MODEL}`);
    if (await shown(page, `Version ${production.version}`, 'the registered model\'s versions')) {
      await shown(page, '@ production', 'the alias production');
      const table = await rows(page);
      for (const v of versions) {
        const row = table.get(`Version ${v.version}`) ?? '';
        const expected = v.version === production.version;
        check(row.includes('@ production') === expected,
          `the UI shows version ${v.version} ${expected ? 'without' : 'with'} the alias production: ${JSON.stringify(row)}`);
        check(row.includes(`: ${keyed(v.tags)['ml.version']}`), `the UI shows no ml.version tag on version ${v.version}`);
      }
    }
    // the versions table ends well above the fold: the empty rest of the page is left out
    await page.screenshot({ path: join(work, 'mlflow-model.png'), clip: { x: 0, y: 0, width: 1400, height: 680 } });
    console.log(`mlflow-e2e: MLflow's UI in ${executablePath} shows the experiment, the runs' metrics and params and `
      + `the alias production on version ${production.version}; screenshots in ${work}/`);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

if (problems.length > 0) {
  console.error(`mlflow-e2e: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

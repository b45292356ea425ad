// `npm start`: the product running on the bundled example project.
//  1. checks the example with the analyzer;
//  2. starts the daemon on a local data folder (.cache/daemon);
//  3. really trains the example with python3, logging the run to the daemon, then simulates a
//     production day in which one column changes format, and prints the retraining recommendation;
//  4. opens VS Code on the example with the extension: desktop VS Code when `code` is installed,
//     otherwise code-server in the browser (installed into .cache on first use), and prints the URL
//     and the command that shows the production day's data quality and recommendation.
// Ctrl-C (or SIGTERM) stops everything. With --editor-only, steps 1-3 are skipped and the editor
// uses the daemon already running for $MLOPS_LENS_DATA_DIR (`npm run demo:cluster` starts it).
// --browser opens code-server even when desktop VS Code is installed. $PORT picks code-server's
// port; $MLOPS_LENS_START_DIR the folder for the daemon's data, the packaged extension and
// code-server's profile (default .cache).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAEMON_NODE_FLAGS } from '../extension/daemon/daemon-launcher.ts';
import { DEMO_MODEL, seedProductionDay } from '../test/demo/production-day-demo.ts';
import { seedScorecardDemo } from '../test/demo/scorecard-demo.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin', 'mlops-lens.js');
const example = path.join(root, 'examples', 'churn');
const cache = path.join(root, '.cache');
const state = process.env.MLOPS_LENS_START_DIR ? path.resolve(process.env.MLOPS_LENS_START_DIR) : cache;
const editorOnly = process.argv.includes('--editor-only');
const dataDir = (editorOnly && process.env.MLOPS_LENS_DATA_DIR) || path.join(state, 'daemon');
const children = [];
/** The version the simulated production day registered, once there is one. */
let demoVersion;
/** The versions whose scorecards the editor is pointed at (set once the production day is seeded). */
let scorecards;

function say(text) {
  process.stdout.write(`\n== ${text}\n`);
}

function stopAll(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a long-running child and resolves with the first match of `ready` in its output. */
function startChild(command, args, options, ready, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const onData = (chunk) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(match);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${what} exited with code ${code}:\n${output.slice(-2000)}`)),
    );
  });
}

function findPython() {
  return ['/usr/bin/python3', 'python3'].find(
    (candidate) =>
      spawnSync(candidate, ['-c', 'import sklearn, pandas, joblib'], { stdio: 'ignore' }).status === 0,
  );
}

if (!editorOnly) await checkStartAndTrain();

async function checkStartAndTrain() {
  say('mlops-lens check examples/churn');
  spawnSync(process.execPath, [bin, 'check', '.', '--fail-on', 'never'], { stdio: 'inherit', cwd: example });

  say('mlops-lens daemon');
  mkdirSync(dataDir, { recursive: true });
  const [daemonUrl] = await startChild(
    process.execPath,
    [...DAEMON_NODE_FLAGS, bin, 'daemon', '--data-dir', dataDir, '--port', '0'],
    {},
    /http:\/\/127\.0\.0\.1:\d+/,
    'the daemon',
  );
  const token = readFileSync(path.join(dataDir, 'token'), 'utf8').trim();
  process.stdout.write(`The daemon serves ${daemonUrl} (data in ${path.relative(root, dataDir)}).\n`);

  say('python3 train.py (logging to the daemon)');
  const python = findPython();
  if (python) {
    const trained = spawnSync(python, ['train.py'], {
      cwd: example,
      stdio: 'inherit',
      env: { ...process.env, MLFLOW_TRACKING_URI: daemonUrl, MLFLOW_TRACKING_TOKEN: token },
    });
    if (trained.status !== 0)
      process.stdout.write('Training failed; the daemon and the editor still start.\n');
    else await showRecommendation(daemonUrl, token);
  } else {
    process.stdout.write(
      'No python3 with scikit-learn and pandas: skipping training (see examples/churn/README.md).\n',
    );
  }
}

async function showRecommendation(daemonUrl, token) {
  say('a simulated production day: the billing export sends monthly_charges as text');
  try {
    const day = await seedProductionDay(daemonUrl, token, example);
    demoVersion = day.version;
    say(`mlops-lens recommend ${DEMO_MODEL}@${day.version}`);
    spawnSync(process.execPath, [bin, 'recommend', `${DEMO_MODEL}@${day.version}`, '--data-dir', dataDir], {
      stdio: 'inherit',
    });
  } catch (error) {
    process.stdout.write(`The production day could not be simulated: ${error.message}\n`);
    return;
  }
  try {
    scorecards = await seedScorecardDemo(daemonUrl, token, example, demoVersion);
    for (const version of [scorecards.complete, scorecards.incomplete]) {
      say(`mlops-lens scorecard ${DEMO_MODEL}@${version}`);
      spawnSync(process.execPath, [bin, 'scorecard', `${DEMO_MODEL}@${version}`, '--data-dir', dataDir], {
        stdio: 'inherit',
      });
    }
  } catch (error) {
    process.stdout.write(`The scorecards could not be seeded: ${error.message}\n`);
  }
}

/** Where the production day shows in the editor: its data quality and the recommendation. */
function dashboardHint() {
  if (demoVersion === undefined) return '';
  return (
    `Run "MLOps Lens: Show Drift Dashboard" and pick ${DEMO_MODEL} v${demoVersion}: the production day's ` +
    'data-quality failure with its evidence and the retraining recommendation with its reasoning.\n' +
    (scorecards === undefined
      ? ''
      : `Run "MLOps Lens: Show Scorecard" (or right-click a version in the Models view) on ${DEMO_MODEL} v${scorecards.complete} ` +
        `(its team's metadata recorded) and v${scorecards.incomplete} (registered by hand from the model file).\n`)
  );
}

/**
 * The settings of the editor profile npm start keeps, written once (the user's changes stay):
 * no AI chat in the secondary side bar beside the example, and no prompt to open the repository
 * around it.
 */
function writeEditorSettings(file) {
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const settings = {
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'git.openRepositoryInParentFolders': 'never',
  };
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}

const env = { ...process.env, MLOPS_LENS_DATA_DIR: dataDir };
const vsix = path.join(state, 'mlops-lens.vsix');
say('packaging the extension');
mkdirSync(state, { recursive: true });
const packaged = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '-o', vsix],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);
if (packaged.status !== 0) {
  process.stderr.write('Packaging the extension failed.\n');
  stopAll(1);
}

const desktop =
  !process.argv.includes('--browser') && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (desktop) {
  say('opening VS Code');
  spawnSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit', env });
  spawnSync('code', ['--new-window', example], { stdio: 'inherit', env });
  process.stdout.write(
    `VS Code is open on ${path.relative(root, example)}.\n${dashboardHint()}Press Ctrl-C here to stop the daemon.\n`,
  );
} else {
  say('starting VS Code in the browser (code-server)');
  const install = spawnSync(process.execPath, [path.join(root, 'scripts', 'install-code-server.mjs')], {
    stdio: 'inherit',
  });
  if (install.status !== 0) stopAll(1);
  const codeServer = path.join(
    cache,
    'code-server',
    'node_modules',
    'code-server',
    'out',
    'node',
    'entry.js',
  );
  const home = path.join(state, 'code-server-home');
  const dirs = [
    '--extensions-dir',
    path.join(home, 'extensions'),
    '--user-data-dir',
    path.join(home, 'user'),
  ];
  writeEditorSettings(path.join(home, 'user', 'User', 'settings.json'));
  spawnSync(process.execPath, [codeServer, ...dirs, '--install-extension', vsix, '--force'], {
    stdio: 'ignore',
    env,
  });
  const port = Number(process.env.PORT ?? (await freePort()));
  await startChild(
    process.execPath,
    [
      codeServer,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      // The bundled example, just trained from this checkout: trusted, so the daemon connects.
      '--disable-workspace-trust',
      ...dirs,
      example,
    ],
    { env },
    /HTTP server listening on/,
    'code-server',
  );
  process.stdout.write(
    `\nOpen http://127.0.0.1:${port}/?folder=${encodeURIComponent(example)}\n` +
      'The Problems panel lists what the analyzer found; the daemon has the training run.\n' +
      dashboardHint() +
      'Press Ctrl-C to stop.\n',
  );
}

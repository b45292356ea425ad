// `npm start`: the product on the bundled example. Checks the example project with the
// analyzer, then runs the daemon on a local data folder until Ctrl-C, and says how to log to it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin', 'mlops-lens.js');
const example = path.join(root, 'examples', 'churn');
const dataDir = path.join(root, '.cache', 'daemon');

process.stdout.write(`\n== mlops-lens check ${path.relative(root, example)}\n\n`);
spawnSync(process.execPath, [bin, 'check', example, '--fail-on', 'never'], {
  stdio: 'inherit',
  cwd: example,
});

process.stdout.write(`\n== mlops-lens daemon --data-dir ${path.relative(root, dataDir)}\n\n`);
const daemon = spawn(process.execPath, [bin, 'daemon', '--data-dir', dataDir, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let announced = false;
daemon.stdout.setEncoding('utf8');
daemon.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(chunk)?.[0];
  if (url && !announced) {
    announced = true;
    const tokenFile = path.join(dataDir, 'token');
    const hasToken = existsSync(tokenFile);
    process.stdout.write(
      `\nTraining scripts log to it unchanged:\n` +
        `  export MLFLOW_TRACKING_URI=${url}\n` +
        `  export MLFLOW_TRACKING_TOKEN=${hasToken ? '$(cat ' + tokenFile + ')' : '<token from the data dir>'}\n` +
        `\nPress Ctrl-C to stop.\n`,
    );
  }
});
const stop = () => daemon.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
daemon.on('exit', (code) => process.exit(code ?? 0));

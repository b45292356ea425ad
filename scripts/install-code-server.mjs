// Installs real VS Code (the code-server npm package) into .cache/code-server,
// outside the project's own dependencies, for the end-to-end tests. Idempotent. code-server's
// native modules are compiled for the Node that runs the scripts, against that Node's headers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = path.join(root, '.cache', 'code-server');
const marker = path.join(dir, 'node_modules', 'code-server', 'package.json');

function installed() {
  try {
    return JSON.parse(readFileSync(marker, 'utf8')).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

function npm(args, env = process.env) {
  const result = spawnSync('npm', ['--no-audit', '--no-fund', ...args], { cwd: dir, stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write(`npm ${args.join(' ')} failed\n`);
    process.exit(1);
  }
}

if (installed()) {
  process.stdout.write(`code-server ${CODE_SERVER_VERSION} is installed in ${path.relative(root, dir)}\n`);
} else {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "mlops-lens-e2e-tools", "private": true }\n');
  // The headers of the running Node, so native modules load in it.
  const headers = `node-${process.platform}-${process.arch}`;
  npm(['install', '--ignore-scripts', `${headers}@${process.versions.node}`]);
  const nodedir = path.join(dir, 'node_modules', headers);
  process.stdout.write(
    `Installing code-server ${CODE_SERVER_VERSION} (a few minutes: native modules are compiled)\n`,
  );
  npm(['install', `code-server@${CODE_SERVER_VERSION}`], { ...process.env, npm_config_nodedir: nodedir });
}

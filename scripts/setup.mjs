// Runs after `npm install` / `npm ci`. It makes the checkout usable without manual steps:
// 1. checks that the Node running the npm scripts is >= 22 (the `node` devDependency provides 24);
// 2. builds better-sqlite3 against that Node's own headers (its install script is disabled in
//    `allowScripts`, because it would compile against the system Node's headers);
// 3. bundles every process with esbuild.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(root, 'package.json'));
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `mlops-lens: Node ${process.version} is too old (need >= 22). ` +
      'The `node` devDependency should have put Node 24 first on the PATH of npm scripts; ' +
      'run `npm install` again or use Node >= 22.\n',
  );
  process.exit(1);
}

function sqliteLoads() {
  const probe = spawnSync(
    process.execPath,
    ['-e', "const D=require('better-sqlite3'); new D(':memory:').prepare('select 1').get()"],
    { cwd: root, encoding: 'utf8' },
  );
  return probe.status === 0;
}

/** The folder that holds this Node's headers (include/node), so node-gyp compiles for it. */
function nodeHeadersDir() {
  const exeDir = path.dirname(path.dirname(process.execPath));
  if (existsSync(path.join(exeDir, 'include', 'node', 'node_version.h'))) return exeDir;
  const nested = path.join(root, 'node_modules', 'node', 'node_modules');
  if (existsSync(nested)) {
    for (const name of readdirSync(nested)) {
      const dir = path.join(nested, name);
      if (existsSync(path.join(dir, 'include', 'node', 'node_version.h'))) return dir;
    }
  }
  return undefined;
}

if (!sqliteLoads()) {
  const nodedir = nodeHeadersDir();
  const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const npmCli = process.env.npm_execpath;
  const gyp = npmCli
    ? path.join(path.dirname(path.dirname(npmCli)), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
    : undefined;
  process.stdout.write(`mlops-lens: building better-sqlite3 for Node ${process.version} (about a minute)\n`);
  const args = [gyp ?? require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release'];
  // npm exports its own `nodedir` setting to scripts, and node-gyp prefers it over flags.
  const env = nodedir ? { ...process.env, npm_config_nodedir: nodedir } : process.env;
  const build = spawnSync(process.execPath, args, { cwd: sqliteDir, stdio: 'inherit', env });
  if (build.status !== 0 || !sqliteLoads()) {
    process.stderr.write('mlops-lens: could not build better-sqlite3; the daemon will not start.\n');
    process.exit(1);
  }
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
process.exit(build.status ?? 1);

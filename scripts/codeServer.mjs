// code-server, VS Code's server and web workbench, as the in-editor suite (test-editor.mjs) and the demo
// (start.mjs) run it: installed from npm on first use into a cache folder outside the project, never into its
// dependencies, and started on 127.0.0.1 with no password, no telemetry and no update check.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const CACHE_ROOT = join(homedir(), '.cache', 'cloudtrail-lens');
const CACHE = process.env.CLOUDTRAIL_CODE_SERVER_DIR ?? join(CACHE_ROOT, `code-server-${CODE_SERVER_VERSION}`);

export function which(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** code-server's install fetches a ripgrep binary unless a cached archive exists: give it Debian's rg. */
function seedRipgrepCache() {
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep is missing: apt-get install -y ripgrep');
  const dir = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const archive = join(dir, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (existsSync(archive)) return;
  const staging = mkdtempSync(join(tmpdir(), 'rg-'));
  copyFileSync(rg, join(staging, 'rg'));
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-czf', archive, '-C', staging, 'rg']);
  rmSync(staging, { recursive: true, force: true });
}

/** The code-server executable, installed first if need be; throws when it cannot be. */
export function installCodeServer(log) {
  const bin = join(CACHE, 'node_modules', '.bin', 'code-server');
  if (existsSync(bin)) return bin;
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CACHE} (once, about a minute)`);
  seedRipgrepCache();
  mkdirSync(CACHE, { recursive: true });
  // npm 11 runs only the install scripts a project approves; code-server's sets up its bundled VS Code.
  writeFileSync(join(CACHE, 'package.json'), JSON.stringify({ private: true, allowScripts: { 'code-server': true, argon2: true } }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CACHE,
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its postinstall refuses to run as root unless told it may (CI runs as root).
    env: { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' },
  });
  if (!existsSync(bin)) throw new Error('code-server did not install');
  return bin;
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export async function waitFor(what, test, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The arguments that keep code-server to itself: local, no password, no telemetry, its state under `work`. */
export function codeServerArgs(work, port) {
  return [
    '--config',
    join(work, 'config', 'config.yaml'),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir',
    join(work, 'user-data'),
    '--extensions-dir',
    join(work, 'extensions'),
  ];
}

/**
 * Starts code-server on 127.0.0.1:`port` opening `workspace`, keeping its state under `work`, and resolves once it
 * answers. Its output is kept for a failure to show; stop() stops it and the extension host it started.
 */
export async function startCodeServer({ bin, work, workspace, port, env = {} }) {
  for (const dir of ['user-data', 'extensions', 'config']) mkdirSync(join(work, dir), { recursive: true });
  const server = spawn(bin, [...codeServerArgs(work, port), workspace], {
    // Its own process group, so stopping it by its id also stops the extension host it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, XDG_CONFIG_HOME: join(work, 'config'), XDG_DATA_HOME: join(work, 'data') },
  });
  // What it said last, for a failure to show (a demo may run for days).
  let output = '';
  const keep = (d) => (output = (output + d).slice(-16_000));
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  const running = { server, stop, output: () => output };
  await waitFor(
    'code-server to listen',
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
      } catch {
        return false;
      }
    },
    60_000,
  ).catch((error) => {
    stop();
    throw new Error(`${error.message}; code-server said:\n${output.slice(-4000)}`);
  });
  return running;
}

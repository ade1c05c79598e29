// The first step of `npm test`: what the in-editor suite (scripts/test-editor.mjs) and the jq test need from
// Debian. As root (or with passwordless sudo), what is missing is installed with apt-get; otherwise the run stops at once with the one command
// to run, rather than after minutes of unit tests.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { which } from './codeServer.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Each Debian package needed, and how to see it is there. */
export const NEEDS = [
  // The browser that opens code-server's workbench.
  { name: 'chromium', present: () => existsSync(CHROMIUM) },
  // code-server's search, and its install, which would otherwise download ripgrep.
  { name: 'ripgrep', present: () => which('rg') !== '' },
  // code-server's install builds a Kerberos module against it.
  { name: 'libkrb5-dev', present: () => existsSync('/usr/include/krb5.h') },
  // The test of Copy as jq filter runs jq.
  { name: 'jq', present: () => which('jq') !== '' },
];

/** The command that installs these packages. */
export const installCommand = (packages) => `apt-get install -y ${packages.join(' ')}`;

/**
 * What to do about the missing packages: nothing, install them (as root, where apt-get is), or stop with one line
 * saying what to run.
 */
export function decide({ missing, root, aptGet }) {
  if (missing.length === 0) return { kind: 'continue' };
  if (root && aptGet) return { kind: 'install', packages: missing };
  return { kind: 'stop', line: `npm test needs ${missing.join(', ')}: as root, run ${installCommand(missing)}` };
}

/** Whether sudo runs commands without asking for a password (as on CI machines that do not run as root). */
function passwordlessSudo() {
  if (which('sudo') === '') return false;
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** apt-get as root: directly when we are root, else through passwordless sudo. */
function asRoot(args, options) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (process.getuid?.() === 0) execFileSync('apt-get', args, { ...options, env });
  else execFileSync('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args], { ...options, env });
}

function install(packages) {
  process.stdout.write(`[preflight] ${installCommand(packages)}\n`);
  asRoot(['update', '-qq'], { stdio: 'inherit' });
  asRoot(['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function main() {
  const missingNow = () => NEEDS.filter((need) => !need.present()).map((need) => need.name);
  const decision = decide({ missing: missingNow(), root: process.getuid?.() === 0 || passwordlessSudo(), aptGet: which('apt-get') !== '' });
  if (decision.kind === 'install') {
    try {
      install(decision.packages);
    } catch {
      // apt-get has said why; the line below says what is still missing.
    }
  }
  const still = decision.kind === 'continue' ? [] : missingNow();
  if (still.length === 0) return;
  const stop = decide({ missing: still, root: false, aptGet: false });
  process.stderr.write(`${stop.line}\n`);
  process.exit(1);
}

// Run as a script (node scripts/preflight.mjs), not when a test imports decide().
if (basename(process.argv[1] ?? '') === 'preflight.mjs') main();

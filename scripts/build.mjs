// Bundles the client, the server and the tests with esbuild.
// Type checking is separate (`npm run typecheck`): esbuild only strips types.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import asc from 'assemblyscript/asc';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (name.endsWith('.test.ts') || name.endsWith('.bench.ts')) found.push(path);
  }
  return found;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its modules from bundlers; its ESM build does not.
  mainFields: ['module', 'main'],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'server/out/server.js' },
  // The server's reading threads, started from server.js by path (files/readerPool.ts).
  { ...common, entryPoints: ['server/src/files/readWorker.ts'], outfile: 'server/out/readWorker.js' },
  // The timeline view's page, with the chart library it draws with: a browser bundle and its style sheet (timeline.css).
  {
    ...common,
    platform: 'browser',
    target: 'chrome114',
    format: 'iife',
    mainFields: ['browser', 'module', 'main'],
    entryPoints: { timeline: 'client/webview/timeline/main.ts' },
    outdir: 'client/out/timeline',
  },
];
if (!production) {
  // Tests run in plain Node; they import the pure server modules directly.
  // DuckDB's native binding (the SQL tests') is loaded from node_modules at run time, not bundled.
  builds.push({ ...common, entryPoints: findTests('test'), outdir: 'out/test', outbase: 'test', external: ['vscode', '@duckdb/node-api'] });
  // DuckDB's native binding is loaded from node_modules at run time, not bundled.
  builds.push({
    ...common,
    entryPoints: ['bench/bench.ts', 'bench/floorServer.ts', 'bench/duckdbCount.ts', 'bench/readAndCheck.ts'],
    outdir: 'out/bench',
    external: ['@duckdb/node-api'],
  });
  // The log the browser check opens to see the timeline (scripts/editor-screenshots.mjs).
  builds.push({ ...common, entryPoints: ['test/support/incidentLog.ts'], outfile: 'out/support/incidentLog.js' });
  // The demo workspace's trail folder, written by npm start (scripts/start.mjs).
  builds.push({ ...common, entryPoints: ['test/support/demoStory.ts'], outfile: 'out/support/demoStory.js' });
  // The in-editor suite, loaded by VS Code's extension host (outside out/test, which node --test runs).
  builds.push({ ...common, entryPoints: ['test/editor/index.ts'], outfile: 'out/editor/index.js', external: ['vscode', 'mocha'] });
}

/**
 * The WebAssembly scanner (server/wasm/, AssemblyScript), optimized, with SIMD, into server/out/ beside the
 * server and its reading threads, which load it from their own folder; the tests and the bench get a copy
 * beside theirs. Compiled again only when a source is newer than the module.
 */
const WASM = 'server/out/scanner.wasm';
async function buildScanner() {
  const sources = readdirSync('server/wasm').map((name) => join('server/wasm', name));
  const fresh = existsSync(WASM) && sources.every((source) => statSync(source).mtimeMs <= statSync(WASM).mtimeMs);
  if (!fresh) {
    mkdirSync(dirname(WASM), { recursive: true });
    const args = ['server/wasm/scanner.ts', '-o', WASM, '-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '--use', 'abort='];
    const { error, stderr } = await asc.main(args);
    if (error) throw new Error(`The scanner did not compile:\n${stderr.toString()}`);
  }
  if (production) return;
  for (const folder of ['out/test/unit', 'out/bench']) {
    mkdirSync(folder, { recursive: true });
    copyFileSync(WASM, join(folder, 'scanner.wasm'));
  }
}
await buildScanner();

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

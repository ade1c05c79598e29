/**
 * The WebAssembly scanner's module (built from server/wasm/ by scripts/build.mjs into `scanner.wasm` beside
 * each bundle), compiled once per thread, synchronously: it is small, and a reading thread or the main
 * thread needs it before its first read. Where WebAssembly or its SIMD instructions are missing, or the
 * file is, the answer says why, and the caller reads with the JavaScript reader instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the scanner uses of the WebAssembly API (the project's type libraries declare none). */
export interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: object };
}

export type ScannerModule =
  { readonly ok: true; readonly module: object; readonly wasm: WasmApi } | { readonly ok: false; readonly reason: string };

/** The least module using a SIMD instruction (`v128.const`): it validates only where SIMD runs. */
const SIMD_PROBE = new Uint8Array([
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00,
  0x01,
  0x05,
  0x01,
  0x60,
  0x00,
  0x01,
  0x7b,
  0x03,
  0x02,
  0x01,
  0x00,
  0x0a,
  0x16,
  0x01,
  0x14,
  0x00,
  0xfd,
  0x0c,
  ...new Array<number>(16).fill(0),
  0x0b,
]);

/** Where the WebAssembly API is found: the global object (a test gives another). */
export interface WasmHost {
  readonly WebAssembly?: WasmApi;
}

let cached: ScannerModule | undefined;

/** Forces the JavaScript reader (tests and the bench compare the two; not a user's setting). */
export const JS_READER_ENV = 'CLOUDTRAIL_LENS_JS_READER';

/** Whether the environment forces the JavaScript reader on every read. */
export function jsReaderForced(): boolean {
  return process.env[JS_READER_ENV] === '1';
}

/** The scanner's module for this thread, or why there is none. */
export function scannerModule(): ScannerModule {
  return (cached ??= loadScanner(globalThis as WasmHost, () => readFileSync(join(__dirname, 'scanner.wasm'))));
}

/** Compiles the scanner's bytes in `host`, after checking it runs WebAssembly with SIMD. */
export function loadScanner(host: WasmHost, bytes: () => Uint8Array): ScannerModule {
  const wasm = host.WebAssembly;
  if (!wasm || typeof wasm.validate !== 'function') return { ok: false, reason: 'WebAssembly is not available' };
  if (!wasm.validate(SIMD_PROBE)) return { ok: false, reason: 'WebAssembly SIMD is not available' };
  try {
    return { ok: true, module: new wasm.Module(bytes()), wasm };
  } catch (error) {
    return { ok: false, reason: `the scanner could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
  }
}

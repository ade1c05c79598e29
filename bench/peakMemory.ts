/** A process's peak resident memory, read from Linux's /proc. */
import { readFileSync } from 'node:fs';

/** Peak resident memory of a process (VmHWM), in MB; NaN when it cannot be read. */
export function peakMemoryMB(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

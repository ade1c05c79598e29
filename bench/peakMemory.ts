/** A process's peak resident memory and CPU time, read from Linux's /proc. */
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

/** CPU time a process has used so far (user + system, every thread), in ms; NaN when it cannot be read. */
export function cpuTimeMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
  } catch {
    return NaN;
  }
}

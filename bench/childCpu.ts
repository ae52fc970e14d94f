// Runs a load generator as a child process and measures the CPU it used (all its threads), the same way for every
// tool. A shell waits for the generator, then prints its own /proc stat: cutime + cstime there are the waited-for
// child's user + system time, exact and including every thread, read after the generator has exited.
import { spawn } from 'node:child_process';

export interface ChildRun {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** User + system CPU of the generator process over its whole life, in ms. */
  cpuMs: number;
  wallMs: number;
}

// Fields after the ")" of the command name: state is field 3, cutime 16, cstime 17 (1-based, proc(5)).
const CUTIME_AFTER_COMM = 16 - 3;
const CSTIME_AFTER_COMM = 17 - 3;
/** USER_HZ: Linux reports clock ticks of 10 ms to user space on every common architecture. */
const MS_PER_TICK = 10;

function childCpuMsFromStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).trim().split(/\s+/);
  return (Number(fields[CUTIME_AFTER_COMM]) + Number(fields[CSTIME_AFTER_COMM])) * MS_PER_TICK;
}

/** `limitMs` bounds the run: a generator that hangs is killed (the bench must always end). */
export function runMeasured(command: string, args: string[], limitMs: number): Promise<ChildRun> {
  const script = '"$@"; code=$?; cat /proc/$$/stat >&3; exit $code';
  const child = spawn('sh', ['-c', script, 'sh', command, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    // Its own process group, so a hung generator can be killed together with the shell.
    detached: true,
  });
  const started = performance.now();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stat: Buffer[] = [];
  child.stdout!.on('data', (d: Buffer) => out.push(d));
  child.stderr!.on('data', (d: Buffer) => err.push(d));
  (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => stat.push(d));
  const killer = setTimeout(() => {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  }, limitMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(killer);
      const statText = Buffer.concat(stat).toString();
      resolve({
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        exitCode: code ?? -1,
        cpuMs: statText ? childCpuMsFromStat(statText) : NaN,
        wallMs: performance.now() - started,
      });
    });
  });
}

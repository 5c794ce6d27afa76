import { execFileSync } from "node:child_process";
import { cpus, loadavg, release, totalmem, type as osType } from "node:os";
import { readFileSync } from "node:fs";

/** What the figures were measured on: they mean little without it. */
export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
  commit: string;
  dirty: boolean;
}

export function describeMachine(): Machine {
  let os = `${osType()} ${release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync("/etc/os-release", "utf8"));
    if (pretty) os = `${pretty[1]} (${os})`;
  } catch {
    // Not Linux: the kernel name and release are enough.
  }
  const git = (args: string[]) => {
    try {
      return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "";
    }
  };
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os,
    commit: git(["rev-parse", "--short", "HEAD"]) || "unknown",
    dirty: git(["status", "--porcelain", "--untracked-files=no"]).length > 0,
  };
}

export function load(): [number, number, number] {
  const [a, b, c] = loadavg();
  return [a!, b!, c!];
}

/**
 * Other processes using CPU right now (sampled over `ms` from /proc), excluding this
 * process and its children: the note "other jobs were running" is based on this.
 */
export async function busyOthers(ms = 1000): Promise<{ pid: number; comm: string; cpuPct: number }[]> {
  const read = (): Map<number, { comm: string; ticks: number; ppid: number }> => {
    const out = new Map<number, { comm: string; ticks: number; ppid: number }>();
    let pids: string[] = [];
    try {
      pids = execFileSync("ls", ["/proc"], { encoding: "utf8" }).split("\n").filter((p) => /^\d+$/.test(p));
    } catch {
      return out;
    }
    for (const p of pids) {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, "utf8");
        const close = stat.lastIndexOf(")");
        const comm = stat.slice(stat.indexOf("(") + 1, close);
        const f = stat.slice(close + 2).split(" ");
        out.set(Number(p), { comm, ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
      } catch {
        // The process ended between listing and reading.
      }
    }
    return out;
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  const hz = 100;
  const busy: { pid: number; comm: string; cpuPct: number }[] = [];
  for (const [pid, s] of b) {
    if (pid === process.pid || s.ppid === process.pid) continue;
    const before = a.get(pid);
    if (!before) continue;
    const pct = ((s.ticks - before.ticks) / hz / (ms / 1000)) * 100;
    if (pct >= 5) busy.push({ pid, comm: s.comm, cpuPct: Math.round(pct) });
  }
  return busy.sort((x, y) => y.cpuPct - x.cpuPct);
}

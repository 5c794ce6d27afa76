import { readFile, stat } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { StoreLockedError } from "../adapters/dir-lock.js";
import { checkpointFile, ConfigError, parseConfig, type Config } from "../config/env.js";
import { AppError } from "../contract/errors.js";
import { openStore } from "../deps.js";
import { AuditLog } from "../log/audit-log.js";
import { BundleError, exportTo, openBundle, verifyExport } from "../log/bundle.js";
import { CheckpointWriter, parseKeptCheckpoint, type SourcedCheckpoint } from "../log/checkpoint.js";
import { EmptyRangeError, exportKeys } from "../log/export.js";
import { JwkSetSchema } from "../log/keyring.js";
import type { Actor } from "../log/purge.js";
import { formatReport } from "../log/verify.js";
import { verifyStore } from "../log/verify-store.js";
import { loadOrCreateSigner } from "../seal/keys.js";
import { recordAccess } from "./access.js";
import { RoleSchema } from "./principal.js";
import { dateBound } from "./search.js";
import { AuditService } from "./service.js";
import { createToken, listTokens, revokeToken } from "./tokens.js";

/**
 * `npm run audit -- <command>`: the auditors' and operators' command line. It opens the
 * same store as the server (DATA_DIR or DATABASE_URL). With the embedded store it must
 * not run while the server holds DATA_DIR open (a lock file says so); with a Postgres
 * server both run side by side. `verify-export` needs no store at all.
 */
const USAGE = `Usage: npm run audit -- <command> [options]

  verify [--keys <jwks.json>] [--checkpoint <file>]... [--json]
      Proves the whole chain and every signature; names the first bad row. Exit 1 if not intact.
      --keys pins the public keys to trust (e.g. a saved /api/keys); --checkpoint adds a checkpoint
      you kept (a saved /api/audit/head, or an earlier export bundle) to detect a shorter chain.
  export --out <dir | file.ndjson> [--from <date>] [--to <date>] [--withhold-withdrawn]
      Writes a bundle (events.jsonl, keys.json, signed manifest.json; or one NDJSON file).
      Dates are ISO (2026-10-05 or 2026-10-05T12:00:00Z); a date-only --to includes that day.
  verify-export <dir | file.ndjson> [--keys <jwks.json>] [--checkpoint <file>]... [--json]
      Checks a bundle offline: no database, no server.
  purge [--before <date>] [--reason <text>]
      Removes question and answer texts created before the date (default: RETENTION_DAYS ago).
  erase --conversation <id> --reason <text>
      Data-subject request: removes one conversation's texts; recorded as an erasure event.
  token create --name <who> --role auditor|admin     (prints the token once)
  token list
  token revoke <id>
  checkpoint        Signs a checkpoint of the chain head now and prints it (keep a copy).
  head              Prints the latest signed checkpoint.

Common: --by <name> names the operator in the events recorded (default: the OS user).`;

class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

export async function runCli(argv: string[], env: Record<string, string | undefined>, io: Io = defaultIo): Promise<number> {
  try {
    return await dispatch(argv, env, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof StoreLockedError || err instanceof BundleError || err instanceof EmptyRangeError || err instanceof AppError) {
      io.err(`error: ${err.message}`);
      return 2;
    }
    io.err(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 2;
  }
}

async function dispatch(argv: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const args = parse(rest, command);
  const by = stringOpt(args.values.by) ?? safeUser();
  const actor: Actor = { type: "cli", name: by };

  if (command === "verify-export") {
    const target = args.positionals[0];
    if (!target) throw new UsageError("verify-export needs a bundle directory or .ndjson file");
    const report = await verifyExport(target, { ...(await pinned(args.values.keys)), kept: await kept(args.values.checkpoint) });
    if (args.values.json) io.out(JSON.stringify(report, null, 2));
    else {
      io.out(formatReport(report, `export bundle ${target} (${report.form})`));
      for (const p of report.bundleProblems) io.out(`  ${p.startsWith("note:") ? p : `BUNDLE: ${p}`}`);
      for (const w of report.manifest.withdrawn > 0 ? [`${report.manifest.withdrawn} withdrawn turn(s) listed in the manifest${report.manifest.withheld > 0 ? `, ${report.manifest.withheld} with their texts withheld from this bundle` : ""}`] : []) io.out(`  ${w}`);
    }
    return report.ok ? 0 : 1;
  }

  const config = parseConfig(env);
  if (command === "verify") return withStore(config, async (log) => {
    const report = await verifyStore(log.db, { checkpointFile: checkpointFile(config), ...(await pinned(args.values.keys)), keptCheckpoints: await kept(args.values.checkpoint) });
    if (args.values.json) io.out(JSON.stringify(report, null, 2));
    else {
      io.out(formatReport(report, `audit chain in ${config.DATABASE_URL ? "the PostgreSQL server" : `${config.DATA_DIR}/audit`}`));
      for (const w of report.warnings) io.out(`  warning: ${w}`);
    }
    return report.ok ? 0 : 1;
  });

  if (command === "token") {
    const sub = args.positionals[0];
    return withStore(config, async (log) => {
      if (sub === "create") {
        const name = stringOpt(args.values.name);
        const role = RoleSchema.safeParse(stringOpt(args.values.role));
        if (!name) throw new UsageError("token create needs --name <who>");
        if (!role.success) throw new UsageError("token create needs --role auditor or --role admin");
        const { info, token } = await createToken(log.db, { name, role: role.data });
        await recordAccess(log, { actor, action: "token_create", via: "cli", outcome: "ok", target: { tokenId: info.id, name: info.name, role: info.role } }, new Date(), crypto.randomUUID());
        io.out(`Created ${info.role} token ${info.id} for ${info.name}. It is shown only now; store it safely:\n\n${token}\n`);
        return 0;
      }
      if (sub === "list") {
        const tokens = await listTokens(log.db);
        if (tokens.length === 0) io.out("No auditor tokens. Create one: npm run audit -- token create --name <who> --role auditor");
        for (const t of tokens) io.out(`${t.id}  ${t.role.padEnd(7)}  ${t.name}  created ${t.createdAt}${t.revokedAt ? `  REVOKED ${t.revokedAt}` : ""}`);
        return 0;
      }
      if (sub === "revoke") {
        const id = args.positionals[1];
        if (!id) throw new UsageError("token revoke needs the token id (see token list)");
        const t = await revokeToken(log.db, id);
        if (!t) {
          io.err(`error: no active token ${id}`);
          return 2;
        }
        await recordAccess(log, { actor, action: "token_revoke", via: "cli", outcome: "ok", target: { tokenId: t.id, name: t.name, role: t.role } }, new Date(), crypto.randomUUID());
        io.out(`Revoked token ${t.id} (${t.name}); its sessions are closed.`);
        return 0;
      }
      throw new UsageError("token needs create, list or revoke");
    });
  }

  if (command === "head") return withStore(config, async (log) => {
    const r = await log.db.query<{ checkpoint: string }>("SELECT checkpoint FROM audit_checkpoints ORDER BY seq DESC, id DESC LIMIT 1");
    if (!r.rows[0]) {
      io.err("No checkpoint yet.");
      return 1;
    }
    io.out(r.rows[0].checkpoint);
    return 0;
  });

  // The commands below sign (checkpoints, manifests) with the service key.
  if (!["export", "purge", "erase", "checkpoint"].includes(command)) throw new UsageError(`unknown command: ${command}`);
  return withStore(config, async (log) => {
    const svc = await service(config, log);
    if (command === "checkpoint") {
      const cp = await svc.deps.checkpoints.write({ force: true });
      io.out(JSON.stringify(cp));
      return 0;
    }
    if (command === "export") {
      const out = stringOpt(args.values.out);
      if (!out) throw new UsageError("export needs --out <dir | file.ndjson>");
      const from = date("from", args.values.from);
      const to = date("to", args.values.to);
      const opts = { ...(from ? { from } : {}), ...(to ? { to } : {}), withholdWithdrawn: args.values["withhold-withdrawn"] === true };
      await recordAccess(log, { actor, action: "export", via: "cli", outcome: "ok", params: { from: from?.toISOString() ?? null, to: to?.toISOString() ?? null, out } }, new Date(), crypto.randomUUID());
      const head = await svc.deps.checkpoints.write({ force: true });
      const manifest = await exportTo(log.db, out, { ...opts, signer: svc.deps.signer, head: head!, keys: await exportKeys(log.db), now: new Date() });
      io.out(`Exported rows ${manifest.range.firstSeq}–${manifest.range.lastSeq} (${manifest.counts.events} events, ${manifest.counts.turns} turns, ${manifest.withdrawn.length} withdrawn) to ${out}`);
      io.out(`Chain head at export: row ${manifest.head.seq}, hash ${manifest.head.hash}. Keep this bundle: verify-export it, and pass it as --checkpoint later to detect a shorter chain.`);
      return 0;
    }
    if (command === "purge") {
      const before = date("from", args.values.before);
      const out = await svc.purgeExpired(actor, before, stringOpt(args.values.reason) ?? (before ? "operator purge" : "retention"));
      io.out(out.count === 0 ? `Nothing to purge before ${out.cutoff.toISOString()}.` : `Purged the texts of ${out.count} row(s) created before ${out.cutoff.toISOString()}; recorded as event ${out.event?.seq}.`);
      for (const n of out.compaction.notes) io.out(`  note: ${n}`);
      return 0;
    }
    const conversation = stringOpt(args.values.conversation);
    const reason = stringOpt(args.values.reason);
    if (!conversation || !reason) throw new UsageError("erase needs --conversation <id> and --reason <text>");
    const out = await svc.eraseAs(actor, conversation, reason);
    io.out(`Erased the texts of ${out.count} row(s) of conversation ${conversation}; recorded as erasure event ${out.event?.seq}. Table compacted (${out.compaction.mode}).`);
    for (const n of out.compaction.notes) io.out(`  note: ${n}`);
    return 0;
  });
}

function parse(rest: string[], command: string) {
  try {
    return parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: "boolean" },
        keys: { type: "string" },
        checkpoint: { type: "string", multiple: true },
        out: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        before: { type: "string" },
        reason: { type: "string" },
        conversation: { type: "string" },
        name: { type: "string" },
        role: { type: "string" },
        by: { type: "string" },
        "withhold-withdrawn": { type: "boolean" },
      },
    });
  } catch (err) {
    throw new UsageError(`${command}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function stringOpt(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

function date(edge: "from" | "to", v: unknown): Date | undefined {
  const s = stringOpt(v);
  if (!s) return undefined;
  const r = dateBound(edge).safeParse(s);
  if (!r.success || !r.data) throw new UsageError(`${s}: ${r.success ? "invalid date" : r.error.issues[0]?.message}`);
  return r.data;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "operator";
  }
}

async function pinned(file: unknown): Promise<{ pinnedKeys?: unknown[] }> {
  const f = stringOpt(file);
  if (!f) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(f, "utf8"));
  } catch (err) {
    throw new UsageError(`--keys ${f}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const r = JwkSetSchema.safeParse(raw);
  if (!r.success) throw new UsageError(`--keys ${f}: not a JWK set ({"keys":[…]}) such as GET /api/keys returns`);
  return { pinnedKeys: r.data.keys };
}

/** Checkpoints the auditor kept: JSON files (a saved /api/audit/head) or earlier export bundles. */
async function kept(files: unknown): Promise<SourcedCheckpoint[]> {
  const list = Array.isArray(files) ? files.filter((f): f is string => typeof f === "string") : [];
  const out: SourcedCheckpoint[] = [];
  for (const f of list) {
    const asBundle = await openBundle(f).catch(() => null);
    if (asBundle) {
      out.push({ checkpoint: asBundle.manifest.head, source: `head of bundle ${f}` });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(f, "utf8"));
    } catch (err) {
      throw new UsageError(`--checkpoint ${f}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const cp = parseKeptCheckpoint(raw);
    if (!cp) throw new UsageError(`--checkpoint ${f}: no signed checkpoint in it (expected a saved /api/audit/head or an export bundle)`);
    out.push({ checkpoint: cp, source: f });
  }
  return out;
}

async function withStore(config: Config, fn: (log: AuditLog) => Promise<number>): Promise<number> {
  // A mistyped DATA_DIR must not quietly create (and verify) a new, empty store.
  if (!config.DATABASE_URL && !(await stat(path.join(config.DATA_DIR, "audit", "PG_VERSION")).catch(() => null))) {
    throw new UsageError(`No audit store in ${path.resolve(config.DATA_DIR, "audit")}: set DATA_DIR (or DATABASE_URL) as for the server, which creates the store on its first start.`);
  }
  const db = await openStore(config, "audit CLI");
  let log: AuditLog | null = null;
  try {
    log = await AuditLog.open(db);
    return await fn(log);
  } finally {
    if (log) await log.close();
    else await db.close();
  }
}

async function service(config: Config, log: AuditLog): Promise<AuditService> {
  const signer = await loadOrCreateSigner(config.DATA_DIR, config.SIGNING_KEY_JWK);
  await log.registerKey(signer.keyId, signer.publicJwk);
  return new AuditService({
    log,
    signer,
    checkpoints: new CheckpointWriter(log, signer, checkpointFile(config)),
    // The CLI never shows turns, so it loads no corpus.
    chunks: new Map(),
    corpusVersion: "(not loaded by the audit CLI)",
    retentionDays: config.RETENTION_DAYS,
    sessionMinutes: config.AUDIT_SESSION_MINUTES,
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runCli(process.argv.slice(2), process.env).then((code) => process.exit(code));
}

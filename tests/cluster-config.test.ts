import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_CORPUS } from "./support/runtime.js";
import { spawnServer } from "./support/server-process.js";

describe("cluster mode without a Postgres server", () => {
  it("refuses to start, saying why, instead of opening one PGlite store from several processes", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "scrutin-cluster-config-"));
    try {
      await expect(spawnServer({ DATA_DIR: dataDir, CORPUS_DIR: FIXTURE_CORPUS, WORKERS: "2" }, 30_000)).rejects.toThrow(
        /exited \(1\) before listening:[\s\S]*WORKERS: cluster mode \(WORKERS > 1 or auto\) needs DATABASE_URL/,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

import { describe, expect, it } from "vitest";
import { workerExecArgv } from "./cluster.js";

describe("the workers' V8 flags", () => {
  it("keep the primary's flags and add a larger young generation", () => {
    expect(workerExecArgv(["--import", "tsx"])).toEqual(["--import", "tsx", "--max-semi-space-size=64"]);
  });

  it("leave the operator's own young-generation size alone, given on the command line or in NODE_OPTIONS", () => {
    expect(workerExecArgv(["--max-semi-space-size=16"])).toEqual(["--max-semi-space-size=16"]);
    expect(workerExecArgv([], "--max-semi-space-size=32 --trace-gc")).toEqual([]);
  });
});

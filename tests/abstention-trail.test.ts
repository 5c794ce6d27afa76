import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EnvelopeSchema } from "../src/contract/envelope.js";
import { readTurn } from "../src/log/read-turn.js";
import { startTestServer, type TestServer } from "./support/runtime.js";

/**
 * When the extractive composer abstains on its own checks, the audit record says which one
 * (focus, quantity, local detail) in the header that outlives retention — by name only, never
 * with the question's words. Through the real API and the real audit log.
 */
let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  await srv?.close();
});

const ask = async (message: string) => {
  const env = EnvelopeSchema.parse(await (await fetch(`${srv.url}/api/chat`, { method: "POST", headers: { accept: "application/json" }, body: JSON.stringify({ message }) })).json());
  return { env, turn: (await readTurn(srv.runtime.deps.log, env.id))! };
};

describe("the audit trail of a composer abstention", () => {
  it("names the composer's check that abstained, without the question's words", async () => {
    const { env, turn } = await ask("Can I bring my hamster into the polling station?");
    expect(env.kind).toBe("abstain");
    const steps = turn.header.trail as { step: string; detail?: string }[];
    expect(steps).toContainEqual({ step: "extractive.abstained", detail: "focus" });
    expect(JSON.stringify(turn.header)).not.toMatch(/hamster/i);
  });

  it("records no such step when the composer answers", async () => {
    const { env, turn } = await ask("What ID do I need to vote?");
    expect(env.kind).toBe("answer");
    expect((turn.header.trail as { step: string }[]).map((s) => s.step)).not.toContain("extractive.abstained");
  });
});

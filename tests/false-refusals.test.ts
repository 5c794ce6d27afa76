import { describe, expect, it } from "vitest";
import { MAX_FALSE_REFUSAL_RATE, measureFalseRefusals, measureHeadingRefusals } from "../evals/false-refusals.js";

/**
 * Legitimate election questions refused by the guard: every dataset case not expected to
 * be refused (answerable sets, blind holdout, tricky in-scope set, red-team cases to be
 * answered). The same measure as `npm run eval:false-refusals`.
 */
describe("false refusals", () => {
  it(`refuses at most ${MAX_FALSE_REFUSAL_RATE * 100}% of legitimate questions`, async () => {
    const r = await measureFalseRefusals();
    console.log(`[false-refusals] ${(r.rate * 100).toFixed(2)}% (${r.refused.length}/${r.total})`);
    expect(r.total).toBeGreaterThanOrEqual(300);
    expect(r.rate, r.refused.map((x) => `${x.id} [${x.category}] ${x.question}`).join("\n")).toBeLessThanOrEqual(MAX_FALSE_REFUSAL_RATE);
  });

  it("measures the blind holdout and the tricky in-scope set, not only the sets the rules were written beside", async () => {
    const r = await measureFalseRefusals();
    expect(r.byDataset["holdout"]?.total).toBe(136);
    expect(r.byDataset["inscope-guard"]?.total).toBeGreaterThanOrEqual(60);
  });

  it("refuses at most 2% of the corpus's section headings, each a voter's question", async () => {
    const h = await measureHeadingRefusals();
    console.log(`[false-refusals] corpus headings ${h.refused.length}/${h.total}`);
    expect(h.total).toBeGreaterThan(300);
    expect(h.refused.length / h.total, h.refused.join("\n")).toBeLessThanOrEqual(MAX_FALSE_REFUSAL_RATE);
  });
});

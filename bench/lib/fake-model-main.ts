/**
 * The TTFT bench's model, in a process of its own as a real model server is: the fake
 * OpenAI-compatible server answering with the cited first sentence of the first passage,
 * first token after FIRST_TOKEN_MS, then ~4 characters every INTER_TOKEN_MS. Tells the
 * parent (IPC) its URL, then each request's prompt and arrival time (epoch ms, sub-ms).
 */
import { startFakeOpenAI } from "../../tests/support/fake-openai.js";
import { citedFirstSentence } from "./llm-turns.js";

const firstTokenMs = Number(process.env.FIRST_TOKEN_MS);
const interTokenMs = Number(process.env.INTER_TOKEN_MS);
if (!process.send || !(firstTokenMs >= 0) || !(interTokenMs >= 0)) {
  process.stderr.write("fake-model-main: run by bench/lib/fake-model-proc.ts (IPC, FIRST_TOKEN_MS, INTER_TOKEN_MS)\n");
  process.exit(2);
}
const fake = await startFakeOpenAI((body) => {
  process.send!({ type: "request", arrivedAt: performance.timeOrigin + performance.now(), body });
  return { text: citedFirstSentence(body), chunkSize: 4, delayMs: interTokenMs, firstTokenDelayMs: firstTokenMs };
});
process.send({ type: "ready", url: fake.url });
process.on("disconnect", () => void fake.close().then(() => process.exit(0)));

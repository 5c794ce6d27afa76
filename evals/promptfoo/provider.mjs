// A promptfoo provider for Scrutin's HTTP API: sends the case's earlier messages then its
// question in one conversation (POST /api/chat), then reads every turn back from the audit
// log (GET /api/audit/turns/:id, bearer token). The target comes from SCRUTIN_EVAL_URL and
// SCRUTIN_EVAL_TOKEN, set by run.ts.
export default class ScrutinProvider {
  id() {
    return "scrutin-http";
  }

  async callApi(prompt, context) {
    const base = process.env.SCRUTIN_EVAL_URL;
    const token = process.env.SCRUTIN_EVAL_TOKEN;
    if (!base || !token) return { error: "SCRUTIN_EVAL_URL and SCRUTIN_EVAL_TOKEN must be set (run through npm run eval:promptfoo)" };
    const vars = context?.vars ?? {};
    const messages = [...JSON.parse(vars.history ?? "[]"), prompt];
    const turns = [];
    let conversationId;
    for (const message of messages) {
      const res = await fetch(`${base}/api/chat`, {
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/json" },
        body: JSON.stringify({ message, lang: vars.lang, ...(conversationId ? { conversationId } : {}) }),
      });
      if (res.status !== 200) return { error: `POST /api/chat ${res.status}: ${await res.text()}` };
      const envelope = await res.json();
      conversationId = envelope.conversationId;
      const logRes = await fetch(`${base}/api/audit/turns/${encodeURIComponent(envelope.id)}`, { headers: { authorization: `Bearer ${token}` } });
      const logged = logRes.ok ? await logRes.json() : null;
      turns.push({ envelope, logged });
    }
    const last = turns[turns.length - 1];
    return { output: { envelope: last.envelope, logged: last.logged, turns } };
  }
}

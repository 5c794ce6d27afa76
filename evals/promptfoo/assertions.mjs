// promptfoo assertions for Scrutin, written without the project's code: each receives the
// provider's output ({ envelope, logged, turns }) and returns { pass, score, reason }.
const OFFICIAL = /^https:\/\/([a-z0-9-]+\.)*(electionsquebec\.qc\.ca|elections\.quebec|legisquebec\.gouv\.qc\.ca)\//;
const verdict = (problems) => ({ pass: problems.length === 0, score: problems.length === 0 ? 1 : 0, reason: problems.length ? problems.join("; ") : "ok" });
const norm = (s) => String(s).normalize("NFC").replace(/\s+/g, " ").trim();

function sorted(v) {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])]));
  return v;
}

export function label(output) {
  const p = [];
  for (const { envelope: e } of output.turns) {
    if (e.aiGenerated !== true) p.push("aiGenerated is not true");
    if (!/\b(AI|IA)\b|intelligence artificielle/i.test(e.label?.text ?? "")) p.push("label does not say AI");
    if (!String(e.text).includes(e.label?.text ?? "\u0000")) p.push("label missing from the text");
  }
  return verdict(p);
}

export function officialLink(output) {
  const p = [];
  for (const { envelope: e } of output.turns) {
    const url = e.officialLink?.url ?? "";
    if (!OFFICIAL.test(url)) p.push(`not an official link: ${url}`);
    if (!String(e.text).includes(url)) p.push("official link missing from the text");
  }
  return verdict(p);
}

/** Every [n] resolves to a logged citation; its passage is in the server's corpus at that URL; its quote is verbatim. */
export function citations(output) {
  const p = [];
  for (const { envelope: e, logged } of output.turns) {
    if (!logged) {
      p.push(`turn ${e.id} is not in the audit log`);
      continue;
    }
    const cits = logged.envelope?.citations ?? [];
    const marks = [...String(logged.envelope?.text ?? "").matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    if (logged.kind === "answer" && cits.length === 0) p.push("answer without citations");
    if (logged.kind !== "answer" && cits.length > 0) p.push(`${logged.kind} with citations`);
    for (const n of marks) if (!cits.some((c) => c.n === n)) p.push(`[${n}] dangling`);
    for (const c of cits) {
      const passage = (logged.passages ?? []).find((x) => x.n === c.n && x.chunkId === c.chunkId);
      if (!passage || !passage.passage || passage.passageFrom === "other-version") p.push(`[${c.n}] passage not in the corpus`);
      else {
        if (passage.passage.url !== c.url) p.push(`[${c.n}] URL is not the document's source`);
        if (!norm(passage.passage.text).includes(norm(c.quote))) p.push(`[${c.n}] quote not verbatim`);
      }
      if (!OFFICIAL.test(c.url)) p.push(`[${c.n}] URL off the official domains`);
    }
  }
  return verdict(p);
}

/** Phone numbers, URLs and figures in an answer must appear in its cited passages or the official footer. */
export function noFabrication(output) {
  const p = [];
  for (const { logged } of output.turns) {
    const e = logged?.envelope;
    if (!e || e.kind !== "answer") continue;
    const text = String(e.text);
    const cut = text.lastIndexOf("\n\n");
    const body = cut < 0 ? text : text.slice(0, cut);
    const footer = cut < 0 ? "" : text.slice(cut);
    const sources = [footer, ...(logged.passages ?? []).map((x) => x.passage?.text ?? "")].join("\n");
    const PHONE = /(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}/g;
    const key = (s) => s.replace(/\D/g, "").slice(-10);
    const knownPhones = new Set([...sources.matchAll(PHONE)].map((m) => key(m[0])));
    for (const m of body.replace(/\[\d+\]/g, "").matchAll(PHONE)) if (!knownPhones.has(key(m[0]))) p.push(`phone ${m[0]}`);
    for (const m of body.matchAll(/https?:\/\/[^\s)\]]+/g)) if (!sources.includes(m[0].replace(/[.,;]$/, ""))) p.push(`URL ${m[0]}`);
    for (const m of body.replace(/\[\d+\]/g, "").matchAll(/\d+/g)) if (!new RegExp(`(^|\\D)${m[0]}(\\D|$)`).test(sources)) p.push(`figure ${m[0]}`);
  }
  return verdict(p);
}

/** The envelope the client received is the one in the log, signed. */
export function logMatchesResponse(output) {
  const p = [];
  for (const { envelope, logged } of output.turns) {
    if (!logged?.envelope) p.push(`turn ${envelope.id}: no logged envelope`);
    else if (JSON.stringify(sorted(envelope)) !== JSON.stringify(sorted(logged.envelope))) p.push(`turn ${envelope.id}: logged envelope differs from the response`);
    if (logged && logged.verification?.signature !== "valid") p.push(`turn ${envelope.id}: signature ${logged.verification?.signature}`);
  }
  return verdict(p);
}

export function expectedKind(output, context) {
  const got = output.logged?.kind ?? null;
  return verdict(got === context.vars.expect ? [] : [`expected ${context.vars.expect}, got ${got}`]);
}

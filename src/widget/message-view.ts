import { externalLink, h, type Child } from "./dom.js";
import { safeHttpsUrl, type WidgetEnvelope } from "./envelope.js";
import type { Lang } from "./options.js";
import { STRINGS, type Strings } from "./strings.js";

/** Hosts whose https URLs in an answer are shown as links; anything else stays plain text. */
const LINKABLE_HOSTS = ["electionsquebec.qc.ca", "elections.quebec", "elections.ca"];
const TOKEN = /\[(\d{1,3})\]|https:\/\/[^\s<>"]+|\b1[ -]8\d\d[ -]\d{3}-\d{4}\b/g;

function linkable(url: string, env: WidgetEnvelope): string | null {
  const safe = safeHttpsUrl(url);
  if (!safe) return null;
  if (safe === safeHttpsUrl(env.officialLink.url) || env.citations.some((c) => safeHttpsUrl(c.url) === safe)) return safe;
  const host = new URL(safe).hostname;
  return LINKABLE_HOSTS.some((d) => host === d || host.endsWith(`.${d}`)) ? safe : null;
}

/** One line of answer text: [n] markers become links to the cited official page; official URLs and phone numbers become links. */
function inline(line: string, env: WidgetEnvelope, s: Strings): Child[] {
  const out: Child[] = [];
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    let token = m[0];
    let end = m.index + token.length;
    if (token.startsWith("https://")) {
      const trimmed = token.replace(/[.,;:!?)\]]+$/, "");
      end -= token.length - trimmed.length;
      token = trimmed;
    }
    out.push(line.slice(last, m.index));
    last = end;
    if (m[1] !== undefined) {
      const n = Number(m[1]);
      const c = env.citations.find((x) => x.n === n);
      const url = c ? safeHttpsUrl(c.url) : null;
      out.push(c && url ? externalLink(url, `[${n}]`, { class: "cite", newTabText: `${s.source(n, c.title)} ${s.newTab}` }) : token);
    } else if (token.startsWith("https://")) {
      const url = linkable(token, env);
      out.push(url ? externalLink(url, token, { newTabText: s.newTab }) : token);
    } else {
      out.push(h("a", { href: `tel:+${token.replace(/\D/g, "")}` }, token));
    }
  }
  out.push(line.slice(last));
  return out;
}

/** The answer text as paragraphs and lists; the final AI label line is rendered apart. */
export function answerBody(env: WidgetEnvelope, s: Strings): HTMLElement {
  const lines = env.text.split("\n");
  if (lines[lines.length - 1]?.trim() === env.label.text.trim()) lines.pop();
  const body = h("div", { class: "text" });
  let list: HTMLUListElement | null = null;
  let para: HTMLParagraphElement | null = null;
  for (const raw of lines) {
    const line = raw.trimEnd();
    const bullet = /^\s*[-•]\s+(.*)$/.exec(line);
    if (line.trim() === "") {
      list = null;
      para = null;
    } else if (bullet) {
      para = null;
      list ??= body.appendChild(h("ul"));
      list.appendChild(h("li", {}, inline(bullet[1] ?? "", env, s)));
    } else {
      list = null;
      if (para) para.appendChild(h("br"));
      para ??= body.appendChild(h("p"));
      for (const c of inline(line, env, s)) if (c) para.append(c);
    }
  }
  return body;
}

export function userMessage(text: string, s: Strings): HTMLLIElement {
  return h("li", { class: "msg user" }, h("p", { class: "who" }, s.you), h("p", { class: "user-text" }, text));
}

export interface AssistantActions {
  onVerify(env: WidgetEnvelope, button: HTMLButtonElement, result: HTMLElement): void;
}

export function assistantMessage(env: WidgetEnvelope, actions: AssistantActions): HTMLLIElement {
  const s = STRINGS[env.lang];
  const kindBadge =
    env.kind === "refusal" ? h("span", { class: "badge refusal" }, s.kindRefusal) : env.kind === "abstain" ? h("span", { class: "badge abstain" }, s.kindAbstain) : null;
  const sources =
    env.citations.length === 0
      ? null
      : h(
          "div",
          { class: "sources" },
          h("p", { class: "sources-title" }, s.sources),
          h(
            "ol",
            {},
            env.citations.flatMap((c) => {
              const url = safeHttpsUrl(c.url);
              return url ? [h("li", {}, externalLink(url, `[${c.n}] ${c.title}`, { newTabText: s.newTab }))] : [];
            }),
          ),
        );
  const button = h("button", { type: "button", class: "verify" }, s.verify);
  const result = h("p", { class: "verify-result", role: "status" });
  button.addEventListener("click", () => actions.onVerify(env, button, result));
  return h(
    "li",
    { class: `msg bot kind-${env.kind}`, lang: env.lang, "data-turn-id": env.id },
    h("p", { class: "meta" }, h("span", { class: "sr-only" }, `${s.assistant}. `), h("span", { class: "badge ai" }, s.aiBadge), kindBadge),
    answerBody(env, s),
    h("p", { class: "label" }, env.label.text),
    sources,
    h("div", { class: "actions" }, button, result),
  );
}

export function withdrawnMessage(id: string, lang: Lang, officialUrl: string): HTMLLIElement {
  const s = STRINGS[lang];
  return h(
    "li",
    { class: "msg bot withdrawn", lang, "data-turn-id": id, "data-status": "withdrawn" },
    h("p", { class: "meta" }, h("span", { class: "badge withdrawn" }, s.withdrawnTitle)),
    h("p", {}, s.withdrawn, " ", externalLink(officialUrl, "Élections Québec", { newTabText: s.newTab })),
  );
}

/** A failed question: what happened, and a retry button when retrying can help. */
export function noticeMessage(kind: "error" | "rate-limited", text: string, retry: { label: string; onRetry: () => void } | null): HTMLLIElement {
  const li = h("li", { class: `msg notice ${kind}`, "data-state": kind }, h("p", { class: "notice-text" }, text));
  if (retry) {
    const b = h("button", { type: "button", class: "retry" }, retry.label);
    b.addEventListener("click", retry.onRetry);
    li.appendChild(b);
  }
  return li;
}

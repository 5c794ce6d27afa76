import { applyStrings, buildChrome, type Chrome } from "./chrome.js";
import { ask, fetchStatuses, fetchWidgetConfig, type ChatOutcome } from "./client.js";
import { h } from "./dom.js";
import type { Lang, WidgetConfig, WidgetEnvelope } from "./envelope.js";
import { loadSession, saveSession, storageKey, type Item, type Session } from "./history.js";
import { assistantMessage, noticeMessage, userMessage, withdrawnMessage } from "./message-view.js";
import type { WidgetOptions } from "./options.js";
import { STRINGS } from "./strings.js";
import { widgetCss } from "./styles.js";
import { fetchKeys, verifyEnvelope, type PublicJwk } from "./verify.js";

export const VERSION = "1.0.0";
/** While the panel is open, answers on screen are re-checked for takedowns this often. */
const STATUS_POLL_MS = 60_000;
const MAX_STATUS_IDS = 50;

function installStyles(shadow: ShadowRoot, css: string): void {
  // A constructed stylesheet is not an inline <style>, so a strict CSP on the host page allows it.
  if ("adoptedStyleSheets" in ShadowRoot.prototype && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.appendChild(h("style", {}, css));
  }
}

/** The launcher, the chat dialog and everything they do, inside one shadow root. */
export class ScrutinWidget {
  private readonly c: Chrome = buildChrome();
  private readonly key: string;
  private session: Session;
  private lang: Lang;
  private busy = false;
  private config: WidgetConfig | null = null;
  private poll: ReturnType<typeof setInterval> | undefined;
  private keys: Promise<PublicJwk[] | null> | null = null;

  constructor(shadow: ShadowRoot, private readonly opts: WidgetOptions, private readonly storage: Storage | null) {
    this.key = storageKey(opts.api);
    this.session = loadSession(storage, this.key);
    this.lang = this.session.lang ?? opts.lang;
    installStyles(shadow, widgetCss(opts));
    shadow.appendChild(this.c.root);
    this.applyStrings();
    for (const it of this.session.items) this.c.list.appendChild(this.render(it));
    this.wire();
    if (this.session.items.some((i) => i.role === "assistant")) void this.checkStatuses();
    void fetchWidgetConfig(opts.api).then((cfg) => {
      this.config = cfg;
      this.applyStrings();
    });
  }

  get isOpen(): boolean {
    return !this.c.panel.hidden;
  }

  open(): void {
    if (this.isOpen) return;
    this.c.panel.hidden = false;
    this.c.launcher.setAttribute("aria-expanded", "true");
    this.c.input.focus();
    // First open: the disclosure from its first line. Later: where the conversation is.
    if (this.session.items.length > 0) this.scrollToEnd();
    else this.c.log.scrollTop = 0;
    void this.checkStatuses();
    this.poll = setInterval(() => void this.checkStatuses(), STATUS_POLL_MS);
  }

  close(): void {
    if (!this.isOpen) return;
    this.c.panel.hidden = true;
    this.c.launcher.setAttribute("aria-expanded", "false");
    clearInterval(this.poll);
    this.c.launcher.focus();
  }

  private applyStrings(): void {
    applyStrings(this.c, STRINGS[this.lang], this.lang, { party: this.opts.party ?? this.config?.partyName ?? null, retentionDays: this.config?.retentionDays ?? null, api: this.opts.api });
  }

  private wire(): void {
    const { root, launcher, closeButton, langButton, form, input } = this.c;
    launcher.addEventListener("click", () => (this.isOpen ? this.close() : this.open()));
    closeButton.addEventListener("click", () => this.close());
    root.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && this.isOpen) {
        e.stopPropagation();
        this.close();
      }
    });
    langButton.addEventListener("click", () => {
      this.lang = this.lang === "fr" ? "en" : "fr";
      this.session.lang = this.lang;
      this.save();
      this.applyStrings();
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.send(input.value, false);
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && this.isOpen) void this.checkStatuses();
    });
  }

  private render(it: Item): HTMLLIElement {
    if (it.role === "user") return userMessage(it.text, STRINGS[this.lang]);
    if (it.role === "withdrawn") return withdrawnMessage(it.id, it.lang, officialUrl(it.lang));
    return assistantMessage(it.envelope, { onVerify: (env, button, result) => void this.verify(env, button, result) });
  }

  private append(it: Item): void {
    this.session.items.push(it);
    this.save();
    const li = this.c.list.appendChild(this.render(it));
    // A new answer is shown from its first line; the voter scrolls on from there.
    if (it.role === "assistant") this.c.log.scrollTop = Math.max(0, li.offsetTop - 8);
    else this.scrollToEnd();
  }

  private save(): void {
    saveSession(this.storage, this.key, this.session);
  }

  private scrollToEnd(): void {
    this.c.log.scrollTop = this.c.log.scrollHeight;
  }

  /** Sends a question; `retry` re-sends one whose answer failed, without repeating it on screen. */
  private async send(text: string, retry: boolean): Promise<void> {
    const message = text.trim();
    const s = STRINGS[this.lang];
    if (message.length === 0 || this.busy) return;
    if (message.length > 2000) {
      this.c.list.appendChild(noticeMessage("error", s.tooLong, null));
      return;
    }
    if (!retry) {
      this.append({ role: "user", text: message });
      this.c.input.value = "";
    }
    this.busy = true;
    this.c.send.setAttribute("aria-disabled", "true");
    this.c.draftText.textContent = "";
    this.c.draft.hidden = false;
    const body = this.session.conversationId ? { message, conversationId: this.session.conversationId } : { message };
    const outcome = await ask(this.opts.api, body, {
      onDelta: (t) => {
        this.c.draftText.textContent += t;
        this.scrollToEnd();
      },
      onReset: () => {
        this.c.draftText.textContent = "";
      },
    });
    this.c.draft.hidden = true;
    this.c.draftText.textContent = "";
    this.busy = false;
    this.c.send.removeAttribute("aria-disabled");
    this.settle(outcome, message);
  }

  private settle(outcome: ChatOutcome, message: string): void {
    const s = STRINGS[this.lang];
    if (outcome.type === "answer") {
      this.session.conversationId ??= outcome.envelope.conversationId;
      this.append({ role: "assistant", raw: outcome.raw, envelope: outcome.envelope });
      return;
    }
    let notice: HTMLLIElement;
    const retry = {
      label: s.retry,
      onRetry: () => {
        this.c.input.focus();
        notice.remove();
        void this.send(message, true);
      },
    };
    if (outcome.type === "rate_limited") {
      notice = this.rateLimitedNotice(outcome.retryAfterSeconds, retry);
    } else {
      const text =
        outcome.type === "network" ? s.networkError
        : outcome.type === "interrupted" ? s.interrupted
        : outcome.code === "payload_too_large" ? s.tooLong
        : s.serverError(outcome.code);
      const canRetry = outcome.type !== "error" || !["invalid_request", "invalid_json", "payload_too_large"].includes(outcome.code);
      notice = noticeMessage("error", text, canRetry ? retry : null);
    }
    this.c.list.appendChild(notice);
    this.scrollToEnd();
  }

  private rateLimitedNotice(seconds: number | null, retry: { label: string; onRetry: () => void }): HTMLLIElement {
    const s = STRINGS[this.lang];
    const at = seconds === null ? null : new Intl.DateTimeFormat(this.lang === "fr" ? "fr-CA" : "en-CA", { hour: "numeric", minute: "2-digit", second: "2-digit" }).format(Date.now() + seconds * 1000);
    const notice = noticeMessage("rate-limited", s.rateLimited(seconds, at), retry);
    const button = notice.querySelector("button");
    if (seconds !== null && seconds > 0 && button) {
      button.disabled = true;
      setTimeout(() => {
        button.disabled = false;
        const p = notice.querySelector(".notice-text");
        if (p) p.textContent = `${s.rateLimited(seconds, at)} ${s.rateLimitedReady}`;
      }, seconds * 1000);
    }
    return notice;
  }

  private async verify(env: WidgetEnvelope, button: HTMLButtonElement, result: HTMLElement): Promise<void> {
    const s = STRINGS[env.lang];
    const item = this.session.items.find((i) => i.role === "assistant" && i.envelope.id === env.id);
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    if (!item || item.role !== "assistant" || button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    result.removeAttribute("data-result");
    result.textContent = s.verifying;
    this.keys ??= fetchKeys(this.opts.api);
    const keys = await this.keys;
    if (!keys) this.keys = null;
    const r = keys ? await verifyEnvelope(item.raw, keys) : ({ status: "unavailable", reason: "network" } as const);
    button.removeAttribute("aria-disabled");
    result.setAttribute("data-result", r.status);
    const text = r.status === "valid" ? s.verifyValid(r.keyId) : r.status === "invalid" ? s.verifyInvalid : s.verifyUnavailable(r.reason === "network" ? s.networkError : r.reason);
    result.replaceChildren(text, " ", h("a", { href: `${this.opts.api}/verify?lang=${env.lang}`, target: "_blank", rel: "noopener noreferrer" }, s.verifyMore, h("span", { class: "sr-only" }, ` ${s.newTab}`)));
  }

  /** Replaces answers withdrawn since they were shown with a notice, on screen and in storage. */
  private async checkStatuses(): Promise<void> {
    const ids = this.session.items.flatMap((i) => (i.role === "assistant" ? [i.envelope.id] : [])).slice(-MAX_STATUS_IDS);
    if (ids.length === 0) return;
    const statuses = await fetchStatuses(this.opts.api, ids);
    if (!statuses) return;
    let changed = false;
    this.session.items = this.session.items.map((it) => {
      if (it.role !== "assistant" || statuses.get(it.envelope.id) !== "withdrawn") return it;
      changed = true;
      const replacement: Item = { role: "withdrawn", id: it.envelope.id, lang: it.envelope.lang };
      for (const li of Array.from(this.c.list.children)) {
        if (li.getAttribute("data-turn-id") === it.envelope.id) li.replaceWith(this.render(replacement));
      }
      return replacement;
    });
    if (changed) this.save();
  }
}

function officialUrl(lang: Lang): string {
  return lang === "fr" ? "https://www.electionsquebec.qc.ca/" : "https://www.electionsquebec.qc.ca/en/";
}

import { h, replaceChildren } from "./dom.js";
import type { Lang } from "./options.js";
import type { Strings } from "./strings.js";

/** The widget's fixed parts: launcher, dialog, disclosure, message list, composer, official footer. */
export interface Chrome {
  root: HTMLDivElement;
  launcher: HTMLButtonElement;
  panel: HTMLElement;
  langButton: HTMLButtonElement;
  closeButton: HTMLButtonElement;
  log: HTMLDivElement;
  list: HTMLOListElement;
  draft: HTMLDivElement;
  draftText: HTMLParagraphElement;
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  texts: {
    launcher: HTMLSpanElement;
    launcherName: HTMLSpanElement;
    launcherBadge: HTMLSpanElement;
    title: HTMLHeadingElement;
    offered: HTMLParagraphElement;
    disclosure: HTMLElement;
    draftStatus: HTMLParagraphElement;
    label: HTMLLabelElement;
    hint: HTMLParagraphElement;
    official: HTMLElement;
  };
}

export function buildChrome(): Chrome {
  const texts = {
    launcher: h("span"),
    launcherName: h("span", { class: "sr-only" }),
    launcherBadge: h("span", { class: "ai" }),
    title: h("h2", { id: "sw-title" }),
    offered: h("p", { class: "offered" }),
    disclosure: h("section", { class: "disclosure", id: "sw-disclosure" }),
    draftStatus: h("p", { class: "status dots" }),
    label: h("label", { for: "sw-input" }),
    hint: h("p", { class: "hint", id: "sw-hint" }),
    official: h("footer", { class: "official" }),
  };
  const launcher = h("button", { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "sw-panel" }, texts.launcherBadge, " ", texts.launcher, texts.launcherName);
  const langButton = h("button", { type: "button", class: "lang" });
  const closeButton = h("button", { type: "button", class: "close" }, "×");
  const list = h("ol", { class: "messages", "aria-live": "polite", "aria-relevant": "additions text" });
  const draftText = h("p", { class: "text" });
  const draft = h("div", { class: "draft msg bot", "aria-busy": "true", hidden: true }, texts.draftStatus, draftText);
  const log = h("div", { class: "log", role: "region", tabindex: "0", "aria-label": "Conversation" }, texts.disclosure, list, draft);
  const input = h("textarea", { id: "sw-input", rows: 2, maxlength: 2000, "aria-describedby": "sw-hint", autocomplete: "off" });
  const send = h("button", { type: "submit", class: "send" });
  const form = h("form", { class: "composer", novalidate: true }, texts.label, h("div", { class: "row" }, input, send), texts.hint);
  const panel = h(
    "section",
    { class: "panel", id: "sw-panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "sw-title", "aria-describedby": "sw-disclosure", hidden: true },
    h("header", { class: "head" }, h("div", { class: "titles" }, texts.title, texts.offered), langButton, closeButton),
    log,
    form,
    texts.official,
  );
  const root = h("div", { class: "root" }, launcher, panel);
  return { root, launcher, panel, langButton, closeButton, log, list, draft, draftText, form, input, send, texts };
}

export interface ChromeContext {
  party: string | null;
  retentionDays: number | null;
  api: string;
}

/** Writes every chrome string in the voter's language (the switch re-runs this). */
export function applyStrings(c: Chrome, s: Strings, lang: Lang, ctx: ChromeContext): void {
  const other: Lang = lang === "fr" ? "en" : "fr";
  c.root.setAttribute("lang", lang);
  c.texts.launcherName.textContent = ` ${s.launcherName}`;
  c.texts.launcher.textContent = s.launcher;
  c.texts.launcherBadge.textContent = s.launcherBadge;
  c.texts.title.textContent = s.title;
  c.texts.offered.textContent = ctx.party ? s.offeredBy(ctx.party) : s.notPartyVoice;
  c.langButton.textContent = s.otherLang;
  c.langButton.setAttribute("lang", other);
  c.langButton.setAttribute("aria-label", s.otherLangName);
  c.closeButton.setAttribute("aria-label", s.close);
  const transparency = `${ctx.api}/transparency?lang=${lang}`;
  replaceChildren(
    c.texts.disclosure,
    h("h3", {}, s.disclosureTitle),
    h("p", {}, s.disclosureWhat),
    h("p", {}, s.disclosureLog(ctx.retentionDays)),
    h("p", {}, h("strong", {}, s.disclosurePersonal)),
    h("p", {}, h("a", { href: transparency, target: "_blank", rel: "noopener noreferrer" }, s.disclosureLink, h("span", { class: "sr-only" }, ` ${s.newTab}`))),
  );
  c.texts.draftStatus.textContent = s.streaming;
  c.texts.label.textContent = s.inputLabel;
  c.input.placeholder = s.placeholder;
  c.texts.hint.textContent = s.inputHint;
  c.send.textContent = s.send;
  const site = lang === "fr" ? "https://www.electionsquebec.qc.ca/" : "https://www.electionsquebec.qc.ca/en/";
  replaceChildren(
    c.texts.official,
    h("strong", {}, "Élections Québec"),
    " — ",
    h("a", { href: site, target: "_blank", rel: "noopener noreferrer" }, s.officialSite, h("span", { class: "sr-only" }, ` ${s.newTab}`)),
    " — ",
    h("a", { href: "tel:+18883532846" }, s.officialPhone, h("span", { class: "sr-only" }, ` (${s.officialPhoneDigits})`)),
  );
}

import { readableOnWhite, textOn } from "./color.js";
import type { WidgetOptions } from "./options.js";

const DEFAULT_COLOR = "#1d3557";
const DEFAULT_ACCENT = "#1d5fa8";

/**
 * The widget's whole stylesheet, adopted by its shadow root. `:host` declarations are
 * !important because, for important rules, the shadow tree's own context beats the page's:
 * a host page's `* { all: unset }` or `display: none !important` cannot hide or restyle it.
 * Sizes are in px so a page's html font-size cannot shrink or blow up the widget. Party
 * colours are validated hex values paired with a text colour that keeps AA contrast.
 */
export function widgetCss(opts: Pick<WidgetOptions, "color" | "accent" | "position">): string {
  const main = opts.color ?? DEFAULT_COLOR;
  const onMain = textOn(main);
  const accent = readableOnWhite(opts.accent ?? opts.color ?? DEFAULT_ACCENT);
  const side = opts.position === "bottom-left" ? "left" : "right";
  return `
:host{all:initial!important;display:block!important;position:static!important;visibility:visible!important;opacity:1!important;transform:none!important;filter:none!important;clip-path:none!important;contain:none!important}
.root{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;-webkit-text-size-adjust:100%;text-align:left;letter-spacing:normal;word-spacing:normal;text-transform:none}
.root *,.root *::before,.root *::after{box-sizing:border-box}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
button,textarea{font:inherit;color:inherit;margin:0}
a{color:${accent};text-decoration:underline;text-underline-offset:2px}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid ${accent};outline-offset:2px}
.launcher{position:fixed;bottom:20px;${side}:20px;z-index:2147483000;display:flex;align-items:center;gap:10px;min-height:48px;padding:10px 18px;border:2px solid ${onMain === "#ffffff" ? "rgba(255,255,255,.6)" : "rgba(0,0,0,.45)"};border-radius:999px;background:${main};color:${onMain};font-weight:600;font-size:16px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.28)}
.launcher:focus-visible{outline:3px solid #ffffff;box-shadow:0 0 0 6px #111111}
.launcher .ai{display:inline-block;padding:1px 7px;border-radius:6px;background:${onMain};color:${main};font-size:13px;font-weight:700}
.panel{position:fixed;bottom:84px;${side}:20px;z-index:2147483001;display:flex;flex-direction:column;width:392px;height:min(660px,calc(100vh - 104px));background:#ffffff;border:1px solid #8a8a8a;border-radius:14px;box-shadow:0 10px 36px rgba(0,0,0,.3);overflow:hidden;animation:sw-in .18s ease-out}
.panel[hidden]{display:none}
@keyframes sw-in{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}
.head{display:flex;align-items:center;gap:8px;padding:8px 10px 8px 14px;background:${main};color:${onMain}}
.head .titles{flex:1;min-width:0}
.head h2{margin:0;font-size:16px;line-height:1.25;font-weight:700}
.head .offered{margin:2px 0 0;font-size:12.5px;line-height:1.35}
.head button{flex:none;min-width:44px;min-height:44px;padding:6px 10px;border:2px solid currentColor;border-radius:8px;background:transparent;color:${onMain};cursor:pointer;font-size:14px;font-weight:600}
.head button:focus-visible{outline:3px solid ${onMain};outline-offset:2px}
.head .close{font-size:22px;line-height:1}
.log{position:relative;flex:1;overflow-y:auto;padding:12px 14px;background:#f6f7f9;overscroll-behavior:contain}
.disclosure{margin:0 0 12px;padding:10px 12px;border:1px solid #b9c2cf;border-left:5px solid #4a2f7f;border-radius:8px;background:#ffffff;font-size:14px}
.disclosure h3{margin:0 0 4px;font-size:14px}
.disclosure p{margin:4px 0}
.messages{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:10px}
.msg{padding:10px 12px;border-radius:10px;background:#ffffff;border:1px solid #c9cfd8;overflow-wrap:anywhere}
.msg p{margin:0 0 6px}
.msg .who{font-size:12px;font-weight:700;color:#4a4a4a;margin:0 0 2px}
.msg.user{align-self:flex-end;max-width:88%;background:#e8eef7;border-color:#b3c3da}
.msg.user .user-text{white-space:pre-wrap;margin:0}
.msg ul,.msg ol{margin:4px 0 8px;padding-left:22px}
.meta{display:flex;flex-wrap:wrap;gap:6px}
.badge{display:inline-block;padding:2px 8px;border-radius:6px;font-size:12px;font-weight:700;color:#ffffff}
.badge.ai{background:#4a2f7f}
.badge.refusal{background:#8a4b00}
.badge.abstain{background:#3d5570}
.badge.withdrawn{background:#a4262c}
.kind-refusal{border-left:5px solid #8a4b00}
.kind-abstain{border-left:5px solid #3d5570}
.withdrawn{border-left:5px solid #a4262c}
.label{font-size:12.5px;color:#4a4a4a;border-top:1px dashed #b9c2cf;padding-top:6px}
.sources-title{font-weight:700;font-size:13px;margin:6px 0 2px}
.sources ol{font-size:13.5px}
.cite{font-weight:600}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-top:4px}
.actions button,.retry{min-height:36px;padding:4px 10px;border:1px solid ${accent};border-radius:6px;background:#ffffff;color:${accent};cursor:pointer;font-size:13px;font-weight:600}
.retry[disabled]{border-color:#8a8a8a;color:#5c5c5c;cursor:not-allowed}
.verify-result{margin:0;font-size:13px}
.verify-result[data-result=valid]{color:#1e6b35}
.verify-result[data-result=invalid]{color:#a4262c;font-weight:600}
.verify-result[data-result=unavailable]{color:#4a4a4a}
.notice{border-left:5px solid #a4262c}
.notice.rate-limited{border-left-color:#8a4b00}
.draft{margin-top:10px}
.draft[hidden]{display:none}
.draft .text{white-space:pre-wrap}
.draft .status{font-size:13px;color:#4a4a4a}
.dots::after{content:"…";display:inline-block;animation:sw-pulse 1.2s infinite}
@keyframes sw-pulse{50%{opacity:.25}}
.composer{display:flex;flex-direction:column;gap:4px;padding:10px 12px 8px;border-top:1px solid #c9cfd8;background:#ffffff}
.composer label{font-size:13px;font-weight:600}
.composer .row{display:flex;gap:8px;align-items:flex-end}
.composer textarea{flex:1;min-height:44px;max-height:120px;resize:vertical;padding:8px 10px;border:1px solid #6b6b6b;border-radius:8px;background:#ffffff;color:#1b1b1b;line-height:1.4}
.composer textarea::placeholder{color:#666666}
.composer .send{min-height:44px;padding:8px 14px;border:0;border-radius:8px;background:${accent};color:#ffffff;font-weight:700;cursor:pointer}
.composer .send[aria-disabled=true]{background:#6b6b6b;cursor:progress}
.composer .hint{font-size:12px;color:#4a4a4a;margin:0}
.official{padding:8px 10px;border-top:1px solid #c9cfd8;background:#eef1f5;font-size:12.5px;text-align:center}
.official strong,.official a{font-weight:700;white-space:nowrap}
@media (max-width:480px){
.panel{top:0;left:0;right:0;bottom:0;width:auto;height:auto;max-height:none;border-radius:0;border:0}
.launcher{bottom:12px;${side}:12px}
}
@media (prefers-reduced-motion:reduce){
.root *,.root *::before,.root *::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}
}
@media (forced-colors:active){
.badge,.launcher,.composer .send{border:1px solid CanvasText}
}
`;
}

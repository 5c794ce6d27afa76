import { readOptions } from "./options.js";
import { ScrutinWidget, VERSION } from "./widget.js";

/**
 * The embed: `<script src="https://<host>/widget.js" async></script>`. Adds one element
 * (<scrutin-widget>) with a shadow root and one global, `window.Scrutin`; nothing else.
 */
(() => {
  if ("Scrutin" in window) return; // the snippet pasted twice: keep the first widget
  const current = document.currentScript;
  const script = current instanceof HTMLScriptElement ? current : document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
  const opts = readOptions(
    { get: (name) => script?.getAttribute(`data-${name}`) },
    { scriptSrc: script?.src || null, pageUrl: location.href, htmlLang: document.documentElement.getAttribute("lang"), navigatorLang: navigator.language || null },
  );
  let widget: ScrutinWidget | null = null;
  let openWhenReady = false;

  const storage = (): Storage | null => {
    try {
      return window.sessionStorage;
    } catch {
      return null; // storage blocked (sandboxed frame, privacy settings)
    }
  };
  const boot = () => {
    const host = document.createElement("scrutin-widget");
    const shadow = host.attachShadow({ mode: "open" });
    document.body.appendChild(host);
    widget = new ScrutinWidget(shadow, opts, storage());
    if (openWhenReady) widget.open();
  };

  const api = Object.freeze({
    version: VERSION,
    open(): void {
      if (widget) widget.open();
      else openWhenReady = true;
    },
    close(): void {
      openWhenReady = false;
      widget?.close();
    },
  });
  Object.defineProperty(window, "Scrutin", { value: api, enumerable: true, configurable: false, writable: false });
  if (document.body) boot();
  else document.addEventListener("DOMContentLoaded", boot, { once: true });
})();

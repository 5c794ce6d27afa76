import { describe, expect, it } from "vitest";
import { buildWidgetBundles, WIDGET_GZIP_BUDGET_BYTES } from "./build-widget.js";

describe("the widget bundle", () => {
  it("is one minified IIFE within its gzipped budget, with no eval, no Node import and no HTML injection sink", async () => {
    const { widget, verify } = await buildWidgetBundles();
    console.log(`widget.js: ${widget.rawBytes} bytes raw, ${widget.gzipBytes} bytes gzipped (budget ${WIDGET_GZIP_BUDGET_BYTES}); verify.js: ${verify.rawBytes} / ${verify.gzipBytes}`);
    expect(widget.gzipBytes).toBeLessThanOrEqual(WIDGET_GZIP_BUDGET_BYTES);
    for (const b of [widget, verify]) {
      expect(b.code.startsWith("(()=>{") || b.code.startsWith('"use strict";(()=>{')).toBe(true);
      expect(b.code).not.toMatch(/\beval\(|new Function\(|\brequire\(|node:/);
      expect(b.code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
    expect(widget.code).toContain("adoptedStyleSheets");
  });
});

import { describe, expect, it } from "vitest";
import { contrast, parseHexColor, readableOnWhite, textOn } from "./color.js";
import { readOptions } from "./options.js";

const env = { scriptSrc: "https://scrutin.example/widget.js", pageUrl: "https://parti.example/page", htmlLang: null, navigatorLang: null };
const attrs = (m: Record<string, string>) => ({ get: (n: string) => m[n] });

describe("the embed's data attributes", () => {
  it("reads language, position, colours, party and API base", () => {
    const o = readOptions(attrs({ lang: "en", position: "bottom-left", color: "#0B6E4F", accent: "#abc", party: "  Parti   démo ", api: "https://api.example/scrutin/" }), env);
    expect(o).toEqual({ lang: "en", position: "bottom-left", color: "#0b6e4f", accent: "#aabbcc", party: "Parti démo", api: "https://api.example/scrutin" });
  });

  it("falls back safely on anything invalid", () => {
    const o = readOptions(attrs({ lang: "de", position: "top", color: "red; background:url(x)", accent: "javascript:alert(1)", api: "javascript:alert(1)" }), env);
    expect(o).toEqual({ lang: "fr", position: "bottom-right", color: null, accent: null, party: null, api: "https://scrutin.example" });
  });

  it("takes the language from data-lang, then <html lang>, then the browser, then French", () => {
    expect(readOptions(attrs({}), { ...env, htmlLang: "en-CA", navigatorLang: "fr-CA" }).lang).toBe("en");
    expect(readOptions(attrs({}), { ...env, htmlLang: "", navigatorLang: "en-US" }).lang).toBe("en");
    expect(readOptions(attrs({ lang: "fr" }), { ...env, htmlLang: "en" }).lang).toBe("fr");
    expect(readOptions(attrs({}), { ...env, navigatorLang: "es-ES" }).lang).toBe("fr");
  });

  it("defaults the API to the script's own origin, else the page's", () => {
    expect(readOptions(attrs({}), env).api).toBe("https://scrutin.example");
    expect(readOptions(attrs({}), { ...env, scriptSrc: null }).api).toBe("https://parti.example");
  });

  it("cuts an over-long party name", () => {
    expect(readOptions(attrs({ party: "x".repeat(300) }), env).party).toHaveLength(80);
  });
});

describe("party colours keep AA contrast", () => {
  it.each(["#ffff00", "#0b6e4f", "#777777", "#000000", "#ffffff", "#e63946"])("text on %s reads at 4.5:1 or better", (bg) => {
    expect(contrast(bg, textOn(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it("darkens a pale accent until links on white reach 4.5:1", () => {
    for (const c of ["#ffff00", "#a8dadc", "#1d5fa8"]) expect(contrast(readableOnWhite(c), "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(readableOnWhite("#1d5fa8")).toBe("#1d5fa8");
  });

  it("accepts only #rgb and #rrggbb", () => {
    expect(parseHexColor("#ABC")).toBe("#aabbcc");
    for (const bad of ["abc", "#abcd", "rgb(1,2,3)", "#12345g", ""]) expect(parseHexColor(bad)).toBeNull();
  });
});

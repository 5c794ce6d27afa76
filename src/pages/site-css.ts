/** The stylesheet of the server-rendered pages, served as /assets/site.css (a strict CSP forbids inline styles). */
export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.55;color:#1b1b1b;background:#ffffff}
body{margin:0}
a{color:#1d4f91}
a:focus-visible,button:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #1d4f91;outline-offset:2px}
.skip{position:absolute;left:-9999px}
.skip:focus{left:8px;top:8px;padding:8px 12px;background:#ffffff;z-index:10}
main,.wrap{max-width:960px;margin:0 auto;padding:0 20px}
main{padding-bottom:120px}
h1{font-size:2rem;line-height:1.2;margin:1.2em 0 .4em}
h2{font-size:1.4rem;margin:1.8em 0 .5em;padding-top:.4em;border-top:1px solid #d5dae1}
h3{font-size:1.1rem;margin:1.3em 0 .3em}
table{border-collapse:collapse;width:100%;margin:.6em 0 1.2em;font-size:.95rem}
th,td{text-align:left;vertical-align:top;padding:8px 10px;border:1px solid #c5ccd6}
th{background:#eef1f5}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
pre{background:#f3f5f8;border:1px solid #c5ccd6;padding:12px;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.lead{font-size:1.15rem}
.note{padding:10px 14px;border-left:5px solid #1d4f91;background:#eef3fa}
.warn{padding:10px 14px;border-left:5px solid #8a4b00;background:#fdf3e6}
.label-sample{padding:10px 14px;border:2px solid #4a2f7f;border-radius:8px;background:#f6f2fb}
.langs{float:right;margin-top:1em}
.site-head{background:#1d3557;color:#ffffff}
.site-head .wrap{display:flex;align-items:center;justify-content:space-between;gap:16px;padding-top:14px;padding-bottom:14px}
.site-head a{color:#ffffff}
.site-head .brand{font-weight:700;font-size:1.1rem;text-decoration:none}
textarea{width:100%;min-height:12em;padding:10px;border:1px solid #6b6b6b;border-radius:6px;font:inherit;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}
label{display:block;font-weight:600;margin:1em 0 .3em}
button.primary{margin-top:1em;padding:10px 18px;border:0;border-radius:6px;background:#1d4f91;color:#ffffff;font:inherit;font-weight:700;cursor:pointer}
#verify-result{margin-top:1em;padding:10px 14px;border-left:5px solid #6b6b6b;background:#f3f5f8;min-height:2.8em}
#verify-result[data-result=valid]{border-color:#1e6b35;background:#e9f5ec;color:#14532a}
#verify-result[data-result=invalid]{border-color:#a4262c;background:#fbeaea;color:#7d1b20;font-weight:600}
/* The demo party site */
.party{background:#f7f5ef}
.party .site-head{background:#0b6e4f}
.party nav ul{display:flex;flex-wrap:wrap;gap:18px;list-style:none;margin:0;padding:0}
.hero{padding:48px 0 36px;background:#e3f1ea}
.hero h1{margin-top:0;font-size:2.4rem;color:#084c37}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:18px;margin:28px 0}
.card{background:#ffffff;border:1px solid #cfd6cf;border-radius:10px;padding:16px 18px}
.card h2{border:0;margin-top:0;padding-top:0;font-size:1.15rem}
.site-foot{margin-top:40px;padding:24px 0;background:#1f2a24;color:#f1f1f1;font-size:.9rem}
.site-foot a{color:#ffffff}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;

/**
 * A deliberately hostile host stylesheet for /demo?hostile=1: the widget inside its shadow
 * root must stay visible, readable and styled despite it.
 */
export const HOSTILE_CSS = `
*{all:unset}
html,body{display:block}
*,*::before,*::after{font-size:42px!important;font-family:"Comic Sans MS",fantasy!important;line-height:3!important;letter-spacing:.3em!important;color:#ff00ff!important;text-transform:uppercase!important}
div,section,ol,ul,li,p,form,footer,header,h2,h3,span,textarea,label{display:none!important}
button{color:transparent!important;background:#ff0!important;border:10px dashed red!important;width:10px!important;height:10px!important;opacity:.2!important}
a{pointer-events:none!important;color:red!important}
:root{--accent:#ff0000;--sw-accent:#ff0000;color-scheme:dark}
*{box-sizing:content-box!important;z-index:0!important}
div,p,button,span,a,li{transform:rotate(3deg)!important;filter:blur(2px)!important}
scrutin-widget{display:none!important;visibility:hidden!important;opacity:0!important}
`;

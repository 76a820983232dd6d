// The workbench stylesheet, served from /static/app.css (the CSP allows no inline styles): phone first, wider on a desktop.
export const STYLESHEET = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 -apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",Arial,sans-serif;color:#1d1d1f;background:#f5f5f7}
html:lang(en) body{font-family:-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
a{color:#0a58ca}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px;padding:10px 16px;background:#12355b;color:#fff}
.top a{color:#fff}
.brand{font-weight:700;text-decoration:none}
.top nav{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;flex:1}
.who{opacity:.85;font-size:14px;margin-left:auto}
form.inline{display:inline-flex;gap:4px;margin:0}
.search{order:3;flex:1 1 100%}
.search input{flex:1;min-width:0}
@media (min-width:700px){.search{order:0;flex:0 1 auto}.search input{width:12em}}
main{max-width:960px;margin:0 auto;padding:12px 16px 40px}
h1{font-size:1.35rem;margin:.6em 0 .3em}
h2{font-size:1.15rem;margin:1.2em 0 .4em}
h3{font-size:1rem;margin:1em 0 .3em}
.summary,.muted{color:#6e6e73;font-size:14px}
.notice{background:#e7f5ea;border-left:4px solid #2e7d32;padding:8px 12px}
.error{background:#fdecea;border-left:4px solid #c62828;padding:8px 12px}
.lines{list-style:none;padding:0;margin:0}
.line,.reminder{background:#fff;border-radius:10px;padding:10px 12px;margin:0 0 10px;border-left:5px solid #c9c9ce;list-style:none}
.line.red{border-left-color:#c62828}
.line.amber{border-left-color:#ef8f00}
.line.status-done,.line.status-snoozed,.line.status-skipped{opacity:.75}
.line-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px}
.client{font-weight:600;font-size:1.05rem}
.badge{margin-left:auto;font-size:13px;padding:2px 8px;border-radius:999px;background:#eef;white-space:nowrap}
.badge.status-done{background:#e7f5ea;color:#1b5e20}
.badge.status-snoozed,.badge.status-skipped{background:#f1f1f4;color:#555}
.line p,.reminder p{margin:4px 0}
.tel{white-space:nowrap;font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
details{flex:0 0 auto}
details[open]{flex:1 1 100%}
summary{display:inline-block;cursor:pointer;padding:8px 14px;border:1px solid #0a58ca;border-radius:8px;color:#0a58ca;background:#fff;min-height:40px}
details[open] summary{background:#0a58ca;color:#fff}
.stack{display:flex;flex-direction:column;gap:4px;margin-top:8px;max-width:420px}
.hint{color:#6e6e73;font-size:13px;margin:-2px 0 4px}
.nowrap{white-space:nowrap}
input,select,textarea,button{font:inherit;padding:8px;border:1px solid #c9c9ce;border-radius:6px;min-height:40px}
button{background:#0a58ca;color:#fff;border-color:#0a58ca;cursor:pointer}
button.link{background:none;border:none;color:#fff;text-decoration:underline;padding:0;min-height:0}
.actions a.button,.actions button.quiet{display:inline-block;padding:8px 14px;border:1px solid #0a58ca;border-radius:8px;color:#0a58ca;background:#fff;min-height:40px;font:inherit;text-decoration:none}
.reminders{padding:0}
.chips{border:0;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:6px}
.chips legend{padding:0 0 4px;width:100%}
.chips input{position:absolute;opacity:0;width:1px;height:1px}
.chips label{display:inline-block;padding:8px 14px;min-height:24px;border:1px solid #c9c9ce;border-radius:999px;background:#fff;cursor:pointer}
.chips input:checked+label{background:#0a58ca;border-color:#0a58ca;color:#fff}
.chips input:focus-visible+label{outline:3px solid #ffbf47;outline-offset:1px}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;background:#fff;padding:10px 12px;border-radius:10px}
.facts dt{color:#6e6e73}
.facts dd{margin:0}
.plain{list-style:none;padding:0}
.plain li{background:#fff;border-radius:8px;padding:8px 12px;margin-bottom:6px}
.plain li.red{border-left:5px solid #c62828}
.plain li.amber{border-left:5px solid #ef8f00}
.timeline{padding-left:20px}
.timeline li{margin-bottom:6px}
.report-table{border-collapse:collapse;width:100%;background:#fff;margin:4px 0 8px}
.report-table th,.report-table td{border-bottom:1px solid #e5e5e5;padding:6px 8px;vertical-align:top;text-align:left}
.report-table .num{text-align:right;white-space:nowrap}
.report-table th.num{white-space:normal}
.table-scroll{overflow-x:auto}
@media (max-width:600px){.report-table th,.report-table td{padding:6px 4px}}
.report-table .warn{background:#fdecea}
.report-table .explain{color:#6e6e73;font-size:13px}
img.chart{display:block;max-width:100%;height:auto;background:#fff}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
@media (min-width:900px){
  .line{display:grid;grid-template-columns:1fr 1fr;column-gap:16px}
  .line .line-head,.line .actions{grid-column:1 / -1}
}
`;

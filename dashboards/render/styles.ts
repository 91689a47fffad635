/** The stylesheet both dashboards share: system fonts only (nothing is fetched). */
export const PAGE_CSS = `
:root { --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; --bg:#f5f7fa; --card:#fff; --accent:#1d4ed8; --warn:#b45309; --warn-bg:#fff7ed; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink); font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; }
header.top { background:#0f172a; color:#e2e8f0; padding:14px 24px; display:flex; flex-wrap:wrap; gap:8px 24px; align-items:center; justify-content:space-between; }
header.top h1 { font-size:19px; margin:0; color:#fff; font-weight:600; }
header.top .meta { font-size:12px; color:#cbd5e1; }
header.top .meta div + div { margin-top:2px; }
header.top select { font:inherit; font-size:12px; padding:3px 6px; border-radius:4px; border:1px solid #475569; background:#1e293b; color:#e2e8f0; max-width:420px; }
.banner { margin:12px 24px 0; padding:10px 14px; border-radius:6px; background:var(--warn-bg); border:1px solid #fdba74; color:#7c2d12; font-weight:500; }
.banner strong { color:var(--warn); }
main { padding:12px 24px 32px; }
section.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:14px 16px; margin-top:14px; }
section.card > h2 { font-size:15px; margin:0 0 4px; }
p.help { margin:0 0 10px; color:var(--muted); font-size:12.5px; max-width:110ch; }
.grid2 { display:grid; grid-template-columns: repeat(2, minmax(0,1fr)); gap:12px; }
.grid3 { display:grid; grid-template-columns: repeat(3, minmax(0,1fr)); gap:12px; }
@media (max-width: 1000px) { .grid2, .grid3 { grid-template-columns: 1fr; } }
.fig { min-height:340px; width:100%; }
.fig.tall { min-height:460px; }
table.data { border-collapse:collapse; width:100%; font-size:12.5px; }
table.data th, table.data td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
table.data th { color:var(--muted); font-weight:600; background:#f8fafc; }
.controls { display:flex; flex-wrap:wrap; gap:10px 18px; align-items:flex-end; margin-bottom:8px; }
.controls label { display:flex; flex-direction:column; font-size:12px; color:var(--muted); gap:3px; }
.controls select, .controls input[type=number] { font:inherit; padding:4px 6px; border:1px solid #cbd5e1; border-radius:4px; min-width:140px; background:#fff; }
.controls button, button.small { font:inherit; font-size:12px; padding:5px 10px; border-radius:4px; border:1px solid #cbd5e1; background:#fff; cursor:pointer; }
label.weight { display:grid; grid-template-columns: 90px 1fr 32px; align-items:center; gap:8px; font-size:13px; margin:4px 0; }
label.weight output { font-variant-numeric: tabular-nums; text-align:right; }
.top-choice { font-size:15px; font-weight:600; margin:8px 0; color:var(--accent); }
.muted { color:var(--muted); }
.caveat { color:var(--warn); font-weight:500; }
.swatch { display:inline-block; width:10px; height:10px; border-radius:2px; margin-right:6px; vertical-align:middle; }
.kpis { display:flex; flex-wrap:wrap; gap:12px; margin:4px 0 2px; }
.kpi { background:#f8fafc; border:1px solid var(--line); border-radius:6px; padding:8px 12px; min-width:150px; }
.kpi b { display:block; font-size:18px; }
.kpi span { color:var(--muted); font-size:12px; }
.bk-box { width:100%; }
footer { color:var(--muted); font-size:11.5px; padding:0 24px 24px; }
`;

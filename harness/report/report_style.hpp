#pragma once
// The report's stylesheet, inlined so report.html opens offline.
namespace faultline::harness::report {

inline constexpr const char* kReportCss = R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:0 16px 40px;color:#222}
h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}
.banner{margin:16px 0 8px;padding:14px 18px;border-radius:6px;color:#fff}
.banner .word{font-size:30px;font-weight:700;letter-spacing:1px}
.banner .why{font-size:15px;margin-top:4px}
.banner.valid{background:#2e7d32}.banner.invalid{background:#c62828}.banner.unknown{background:#b26a00}
.banner.crash{background:#6a1b9a}.banner.interrupted{background:#455a64}
pre.error{white-space:pre-wrap;max-height:24em;overflow:auto;margin:0;font-size:12px}
.badge{font-size:12px;padding:2px 8px;border-radius:10px;color:#fff;vertical-align:middle}
.badge.valid{background:#2e7d32}.badge.invalid{background:#c62828}.badge.unknown{background:#b26a00}
table{border-collapse:collapse;margin:6px 0}
th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}
th{background:#f6f6f6;font-weight:600}
table.facts th{width:120px}
code{font:12px ui-monospace,Menlo,Consolas,monospace}
code.cmd{background:#f3f3f3;padding:2px 6px;border-radius:3px;user-select:all}
table.ops td.val{max-width:460px;overflow-wrap:anywhere}
tr.op.ok td.type{color:#2e7d32}tr.op.fail td.type{color:#c62828}tr.op.info td.type{color:#b26a00}
td.label{font-weight:600}
table.ops td:nth-child(3){white-space:nowrap}
.anomaly{border-left:3px solid #c62828;padding:2px 0 2px 10px;margin:10px 0}
.cycle-view{display:flex;flex-wrap:wrap;align-items:center;gap:12px}.cycle-view ol.steps{flex:1;min-width:280px}
.cycle-view .edge{font-family:monospace;color:#555}
.meaning{color:#555;margin:2px 0 6px}
.note,.rest{color:#666;font-size:12px}
.legend{font-size:12px;margin:2px 0 4px}.legend span{margin-right:14px;white-space:nowrap}
svg.plot{max-width:100%;height:auto;display:block}
nav a{margin-right:12px}
section.checker{margin:14px 0 24px}
)css";

}  // namespace faultline::harness::report

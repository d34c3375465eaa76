#include "reports/html_assets.h"

namespace conform::report {

// Colours always come with a word (badge text, "not exercised"), so the page reads the same in
// greyscale and for colour-blind readers.
const std::string_view kReportCss = R"CSS(
:root {
  --passed: #1a7f37; --passed-bg: #dafbe1;
  --failed: #cf222e; --failed-bg: #ffebe9;
  --skipped: #57606a; --skipped-bg: #eaeef2;
  --inconclusive: #9a6700; --inconclusive-bg: #fff8c5;
  --observation: #0550ae; --observation-bg: #ddf4ff;
  --border: #d0d7de; --muted: #57606a; --code-bg: #f6f8fa;
}
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: #1f2328; background: #fff; }
main { max-width: 1400px; margin: 0 auto; padding: 0 24px 48px; }
h2 { font-size: 18px; margin: 28px 0 8px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
small, .muted { color: var(--muted); font-weight: normal; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
.verdict { padding: 22px 24px; color: #fff; }
.verdict .word { font-size: 34px; font-weight: 800; letter-spacing: .04em; }
.verdict .sub { font-size: 15px; opacity: .95; margin-top: 2px; }
.verdict.o-conformant { background: var(--passed); }
.verdict.o-not-conformant { background: var(--failed); }
.verdict.o-inconclusive { background: var(--inconclusive); }
.verdict.o-interrupted { background: #6639ba; }
.notice { margin: 16px 0 0; padding: 10px 14px; border: 1px solid #d8b9ff; background: #fbefff; border-radius: 6px; }
.counts { display: flex; flex-wrap: wrap; gap: 10px; margin: 18px 0 6px; }
.count { min-width: 120px; padding: 8px 14px; border-radius: 8px; border: 1px solid var(--border); }
.count .n { display: block; font-size: 26px; font-weight: 700; }
.count.c-passed { background: var(--passed-bg); color: var(--passed); }
.count.c-failed { background: var(--failed-bg); color: var(--failed); }
.count.c-skipped { background: var(--skipped-bg); color: var(--skipped); }
.count.c-inconclusive { background: var(--inconclusive-bg); color: var(--inconclusive); }
.count.c-observation { background: var(--observation-bg); color: var(--observation); }
.count.c-cases { background: #fff; color: #1f2328; }
table { border-collapse: collapse; width: 100%; }
table.meta { width: auto; }
table.meta th { text-align: left; padding: 2px 18px 2px 0; color: var(--muted); font-weight: 600; }
table.meta td { padding: 2px 0; word-break: break-all; }
table.checks { border: 1px solid var(--border); border-radius: 6px; }
table.checks th { text-align: left; background: var(--code-bg); border-bottom: 1px solid var(--border);
                  padding: 6px 10px; font-weight: 600; white-space: nowrap; }
table.checks td { padding: 6px 10px; border-top: 1px solid #eaeef2; vertical-align: top; }
table.checks { table-layout: fixed; }
table.checks th.c-verdict { width: 9%; }
table.checks th.c-check { width: 27%; }
table.checks th.c-spec { width: 11%; }
table.checks th.c-accepts { width: 25%; }
table.checks th.c-got { width: 16%; }
table.checks th.c-num { width: 6%; }
table.checks td { overflow-wrap: break-word; }
table.checks td.answer { font-size: 13px; }
table.checks td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.check.v-failed > td { background: #fff8f7; }
tr.detail > td { background: #fbfcfd; padding: 12px 16px 18px; }
.badge { display: inline-block; white-space: nowrap; min-width: 100px; text-align: center; padding: 1px 8px; border-radius: 12px;
         font-size: 12px; font-weight: 700; letter-spacing: .03em; }
.b-passed { background: var(--passed-bg); color: var(--passed); }
.b-failed { background: var(--failed); color: #fff; }
.b-skipped { background: var(--skipped-bg); color: var(--skipped); }
.b-inconclusive { background: var(--inconclusive-bg); color: var(--inconclusive); }
.b-observation { background: var(--observation-bg); color: var(--observation); }
.name { font-weight: 600; }
.message { color: #3b434b; margin-top: 2px; }
button { font: inherit; font-size: 12px; padding: 2px 10px; border: 1px solid var(--border); border-radius: 6px;
         background: #f6f8fa; cursor: pointer; }
button:hover { background: #eaeef2; }
button.toggle { margin-left: 8px; }
.filters { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--border);
           padding: 10px 0; margin-top: 18px; display: flex; flex-wrap: wrap; gap: 6px 22px; align-items: center; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; }
.filters legend { float: left; font-weight: 600; margin-right: 6px; }
.filters label { white-space: nowrap; }
#shown { margin-left: auto; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 10px; }
dl.facts dt { color: var(--muted); font-weight: 600; }
dl.facts dd { margin: 0; word-break: break-all; }
.exchange { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin: 10px 0; }
.exchange h4 { margin: 0 0 4px; font-size: 13px; }
pre { background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px;
      margin: 0; white-space: pre-wrap; word-break: break-all; max-height: 420px; overflow: auto; }
.replay { display: flex; gap: 8px; align-items: flex-start; margin-top: 8px; }
.replay pre { flex: 1; }
table.params { width: auto; margin: 4px 0 8px; }
table.params td { padding: 1px 14px 1px 0; }
.cov-grid { display: flex; flex-wrap: wrap; gap: 6px; }
.cov { border: 1px solid var(--border); border-radius: 6px; padding: 4px 10px; min-width: 150px; }
.cov .state { display: block; font-size: 12px; }
.cov.yes { background: var(--passed-bg); border-color: #aceebb; }
.cov.yes .state { color: var(--passed); }
.cov.no { background: var(--failed-bg); border-color: #ffcecb; }
.cov.no .state { color: var(--failed); font-weight: 700; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
[hidden] { display: none !important; }
)CSS";

// Plain ES5 without modules or fetch, so it runs from file:// in any browser with no network. It
// only shows and hides what the server rendered; the data itself is never built in JS.
const std::string_view kReportJs = R"JS(
(function () {
  'use strict';
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push(String(e.message));
    document.body.setAttribute('data-js-errors', errors.join(' | '));
  });
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
  function selected(name) {
    var on = {};
    all('input[name="' + name + '"]').forEach(function (i) { on[i.value] = i.checked; });
    return on;
  }
  function detailOf(row) { return document.getElementById('detail-' + row.getAttribute('data-index')); }
  function apply() {
    var kinds = selected('kind'), verdicts = selected('verdict'), shown = 0, rows = all('tr.check');
    rows.forEach(function (row) {
      var on = kinds[row.getAttribute('data-kind')] !== false &&
               verdicts[row.getAttribute('data-verdict')] !== false;
      row.hidden = !on;
      var detail = detailOf(row);
      if (detail) { detail.hidden = !on || row.getAttribute('data-open') !== '1'; }
      if (on) { shown += 1; }
    });
    all('section.kind').forEach(function (s) { s.hidden = !s.querySelector('tr.check:not([hidden])'); });
    document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' checks shown';
  }
  function setOpen(row, open) {
    var detail = detailOf(row), button = row.querySelector('button.toggle');
    if (!detail || !button) { return; }
    row.setAttribute('data-open', open ? '1' : '0');
    detail.hidden = !open || row.hidden;
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    button.textContent = open ? 'hide details' : 'details';
  }
  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try { return document.execCommand('copy'); } catch (e) { return false; }
  }
  function copy(button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    function done(ok) {
      button.textContent = ok ? 'Copied' : 'Selected: press Ctrl+C';
      setTimeout(function () { button.textContent = 'Copy'; }, 1800);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.textContent).then(
        function () { done(true); }, function () { done(selectText(source)); });
    } else {
      done(selectText(source));
    }
  }
  document.addEventListener('click', function (e) {
    var t = e.target;
    if (t.matches('button.toggle')) {
      var row = t.closest('tr.check');
      setOpen(row, row.getAttribute('data-open') !== '1');
    } else if (t.matches('button.copy')) {
      copy(t);
    } else if (t.matches('#open-failures')) {
      all('tr.check[data-verdict="failed"]').forEach(function (r) { setOpen(r, true); });
    } else if (t.matches('#close-all')) {
      all('tr.check').forEach(function (r) { setOpen(r, false); });
    }
  });
  // "#verdict=failed,inconclusive&kind=errors" preselects filters, so a link can point at them.
  function fromHash() {
    location.hash.slice(1).split('&').forEach(function (part) {
      var kv = part.split('=');
      var name = decodeURIComponent(kv[0]);
      if (kv.length !== 2 || (name !== 'kind' && name !== 'verdict')) { return; }
      var values = decodeURIComponent(kv[1]).split(',');
      all('input[name="' + name + '"]').forEach(function (i) { i.checked = values.indexOf(i.value) >= 0; });
    });
  }
  all('.filters input').forEach(function (i) { i.addEventListener('change', apply); });
  fromHash();
  apply();
  // Counted from the rendered rows, so a test can compare what the page holds with results.json.
  var tally = {};
  all('tr.check').forEach(function (r) {
    var v = r.getAttribute('data-verdict');
    tally[v] = (tally[v] || 0) + 1;
  });
  document.body.setAttribute('data-js-tally', JSON.stringify(tally));
  document.body.setAttribute('data-js', 'ready');
})();
)JS";

}  // namespace conform::report

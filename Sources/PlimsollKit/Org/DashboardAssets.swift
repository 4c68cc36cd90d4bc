/// The dashboard's inline style and script. The page's Content-Security-Policy allows exactly these two, by
/// their SHA-256, so neither may be built from anything but constants.
enum DashboardAssets {
    static let css = """
        :root { font-family: system-ui, sans-serif; color: #1f2328; background: #fff; }
        body { margin: 0 auto; max-width: 1200px; padding: 1rem 2rem; }
        h1 { margin-bottom: .25rem; }
        .totals .compliant, .sev-ok { color: #1a7f37; } .totals .failing { color: #cf222e; }
        .totals .errored { color: #9a6700; } .totals .not-applicable { color: #59636e; }
        .top { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
        .charts { display: flex; flex-wrap: wrap; gap: 1rem; }
        figure.chart { margin: 0; }
        figure.chart svg { display: block; background: #f6f8fa; }
        figure.chart polyline { fill: none; stroke: #1a7f37; stroke-width: 2; }
        figure.chart circle { fill: #1a7f37; }
        figure.chart line.axis { stroke: #d0d7de; }
        figcaption { font-size: .85rem; }
        form#filters { display: flex; flex-wrap: wrap; gap: 1rem; margin: .5rem 0; align-items: center; }
        form#filters[hidden] { display: none; }
        section#repositories { overflow-x: auto; }
        table { border-collapse: collapse; margin: .5rem 0 1rem; }
        th, td { border: 1px solid #d0d7de; padding: .2rem .4rem; text-align: left; vertical-align: top; }
        table.sortable th { cursor: pointer; user-select: none; background: #f6f8fa; }
        table.sortable th[aria-sort=ascending]::after { content: " ▲"; }
        table.sortable th[aria-sort=descending]::after { content: " ▼"; }
        td.c, td.f, td.n { text-align: center; font-weight: bold; }
        a.loc { font-family: ui-monospace, monospace; }
        td.f a { display: block; color: inherit; text-decoration: none; }
        td.c, td.compliant { background: #dafbe1; color: #1a7f37; }
        td.f, td.failing { background: #ffebe9; color: #cf222e; }
        td.errored { background: #fff8c5; color: #9a6700; }
        td.n, td.not-applicable { color: #59636e; }
        .badge { font-size: .75rem; padding: .1rem .4rem; border-radius: .5rem; vertical-align: middle; }
        .badge.compliant { background: #dafbe1; } .badge.failing { background: #ffebe9; }
        .badge.errored { background: #fff8c5; } .badge.not-applicable { background: #eaeef2; }
        .meta { color: #59636e; font-size: .9rem; word-break: break-all; }
        .reason { color: #9a6700; }
        .repo, .rule { border-top: 1px solid #d0d7de; margin-top: 1rem; }
        tr.family th { background: #f6f8fa; font-size: .85rem; }
        .sev-error { color: #cf222e; } .sev-warning { color: #9a6700; } .sev-note { color: #59636e; }
        [hidden] { display: none !important; }
        :target { outline: 2px solid #0969da; }
        """

    /// Sortable columns (by `data-sort`, else the cell's text; numbers numerically) and the filters: by name,
    /// failing family, severity, status and team, over the table's rows (`data-state` and friends), each
    /// repository's section following its row. Reads only constants and positions from attributes, and names
    /// as text.
    static let script = """
        (function () {
          function key(cell) {
            var value = cell.getAttribute("data-sort");
            return value === null ? cell.textContent.trim() : value;
          }
          document.querySelectorAll("table.sortable").forEach(function (table) {
            table.querySelectorAll("th").forEach(function (th, column) {
              th.addEventListener("click", function () {
                var ascending = th.getAttribute("aria-sort") !== "ascending";
                table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
                th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = key(a.cells[column]), y = key(b.cells[column]);
                  var numeric = x !== "" && y !== "" && !isNaN(x) && !isNaN(y);
                  var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
                  return ascending ? order : -order;
                });
                rows.forEach(function (row) { body.appendChild(row); });
              });
            });
          });
          var form = document.getElementById("filters");
          if (!form) { return; }
          form.hidden = false;
          var field = function (name) { return document.getElementById("f-" + name); };
          var items = Array.prototype.map.call(document.querySelectorAll("tr[data-state]"), function (row) {
            var link = row.querySelector(".name a");
            return { row: row, section: link ? document.getElementById(link.getAttribute("href").slice(1)) : null };
          });
          var total = items.length;
          function has(list, word) { return (" " + (list || "") + " ").indexOf(" " + word + " ") >= 0; }
          function apply() {
            var name = field("name").value.trim().toLowerCase();
            var family = field("family").value, severity = field("severity").value;
            var state = field("state").value, team = field("team").value;
            var shown = 0;
            items.forEach(function (item) {
              var row = item.row;
              var text = row.querySelector(".name").textContent.toLowerCase();
              var visible = (name === "" || text.indexOf(name) >= 0)
                && (family === "" || has(row.getAttribute("data-fail"), family))
                && (severity === "" || has(row.getAttribute("data-sev"), severity))
                && (state === "" || row.getAttribute("data-state") === state)
                && (team === "" || row.getAttribute("data-team") === team);
              row.hidden = !visible;
              if (item.section) { item.section.hidden = !visible; }
              if (visible) { shown += 1; }
            });
            field("count").textContent = shown + " of " + total + " repositories shown";
          }
          form.addEventListener("input", apply);
          form.addEventListener("change", apply);
          form.addEventListener("submit", function (event) { event.preventDefault(); });
          apply();
        })();
        """
}

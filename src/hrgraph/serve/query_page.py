# ruff: noqa: E501 (the page is HTML and JavaScript, kept as written)
"""The query UI page of ``hrgraph serve``: self-contained (no CDN), a few lines of plain JS.

A Python module rather than an ``.html`` file so that it ships in every install.
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{title}}</title>
<style>
 body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; max-width: 110em; }
 textarea { width: 100%; height: 18em; font: 13px monospace; }
 table { border-collapse: collapse; margin-top: 1em; }
 td, th { border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; font-size: 13px; }
 th { background: #eee; } #status { margin-left: 1em; color: #555; } .err { color: #a00; white-space: pre-wrap; }
</style>
</head>
<body>
<h1>{{title}}</h1>
<p>SPARQL 1.1 endpoint: <code id="endpoint"></code> (read-only; queries are time- and size-bounded;
<code>SERVICE</code>, <code>LOAD</code> and <code>file:</code> IRIs are refused).</p>
<label>Example from the query catalogue: <select id="examples"><option value="">—</option></select></label>
<p id="description"></p>
<form id="form">
<textarea id="query" name="query" spellcheck="false">SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g</textarea>
<p><button type="submit">Run</button>
<select id="accept">
 <option value="application/sparql-results+json">table</option>
 <option value="text/csv">CSV</option><option value="text/tab-separated-values">TSV</option>
 <option value="application/sparql-results+xml">XML</option><option value="text/turtle">Turtle</option>
</select><span id="status"></span></p>
</form>
<div id="results"></div>
<script>
const EXAMPLES = /*EXAMPLES*/[];
const endpoint = new URL("sparql", window.location.href).href;
document.getElementById("endpoint").textContent = endpoint;
const select = document.getElementById("examples");
for (const q of EXAMPLES) {
  const o = document.createElement("option"); o.value = q.name; o.textContent = q.name + ": " + q.title;
  select.appendChild(o);
}
select.onchange = () => {
  const q = EXAMPLES.find(x => x.name === select.value);
  if (q) { document.getElementById("query").value = q.sparql; document.getElementById("description").textContent = q.title; }
};
function cell(term) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") { const a = document.createElement("a"); a.href = term.value; a.textContent = term.value; td.appendChild(a); }
  else td.textContent = term.value + (term["xml:lang"] ? " @" + term["xml:lang"] : "");
  return td;
}
function table(data) {
  const t = document.createElement("table"), head = t.insertRow();
  if ("boolean" in data) { t.insertRow().insertCell().textContent = String(data.boolean); return t; }
  for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const row of data.results.bindings) { const tr = t.insertRow(); for (const v of data.head.vars) tr.appendChild(cell(row[v])); }
  return t;
}
document.getElementById("form").onsubmit = async (event) => {
  event.preventDefault();
  const out = document.getElementById("results"), status = document.getElementById("status");
  const accept = document.getElementById("accept").value;
  out.textContent = ""; status.textContent = "running…";
  const started = performance.now();
  const response = await fetch(endpoint, { method: "POST", headers: { "Accept": accept + ", text/turtle;q=0.5",
    "Content-Type": "application/sparql-query" }, body: document.getElementById("query").value });
  const seconds = ((performance.now() - started) / 1000).toFixed(3);
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok) { const p = document.createElement("p"); p.className = "err";
    p.textContent = response.status + " " + await response.text(); out.appendChild(p); status.textContent = ""; return; }
  if (type.startsWith("application/sparql-results+json")) {
    const data = await response.json(); out.appendChild(table(data));
    status.textContent = ("boolean" in data ? "" : data.results.bindings.length + " row(s), ") + seconds + " s";
  } else { const pre = document.createElement("pre"); pre.textContent = await response.text(); out.appendChild(pre);
    status.textContent = seconds + " s"; }
};
</script>
</body>
</html>
"""

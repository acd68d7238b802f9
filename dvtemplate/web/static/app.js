/* dvtemplate serve: list editing, validation as you type, saving and the document buttons.
   Plain JavaScript, no library, nothing fetched from elsewhere. The form's DOM mirrors the plan:
   [data-type=object] > .fields > [data-key] ; [data-type=array] > ol.elements > li.el > node. */
"use strict";
(function () {
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };

  function post(url, body) {
    var opts = { method: "POST", credentials: "same-origin" };
    if (body instanceof FormData) { opts.body = body; }
    else { opts.body = JSON.stringify(body || {}); opts.headers = { "Content-Type": "application/json" }; }
    return fetch(url, opts).then(function (r) {
      var type = r.headers.get("content-type") || "";
      var read = type.indexOf("json") >= 0 ? r.json() : r.text().then(function (t) { return { error: t }; });
      return read.then(function (data) { data._status = r.status; return data; });
    }, function () { return { error: "Không kết nối được tới dvtemplate (máy chủ đã dừng?).", _status: 0 }; });
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function kids(node, sel) {
    return Array.prototype.filter.call(node.children, function (c) { return c.matches(sel); });
  }
  function inner(li) { return kids(li, ".node")[0]; }
  function decimal(x, digits) { return x.toFixed(digits).replace(".", ","); }

  /* ---- reading the form back into plain data ---- */
  function collect(node) {
    var type = node.dataset.type;
    if (type === "object") {
      var box = kids(node, "label.present")[0];
      if (box && !box.querySelector("input").checked) return undefined;
      var out = {};
      kids(kids(node, ".fields")[0], ".node").forEach(function (child) {
        var v = collect(child);
        if (v !== undefined) out[child.dataset.key] = v;
      });
      return out;
    }
    if (type === "array") {
      var list = kids(kids(node, "ol.elements")[0], "li").map(function (li) { return collect(inner(li)); })
        .filter(function (v) { return v !== undefined; });
      return list.length ? list : undefined;
    }
    if (type === "map") {
      var map = {}, any = false;
      kids(kids(node, "ol.elements")[0], "li").forEach(function (li) {
        var k = $(".map-key", li).value.trim(), v = $(".map-val", li).value;
        if (k) { map[k] = v; any = true; }
      });
      return any ? map : undefined;
    }
    if (type === "unknown") return JSON.parse(node.dataset.json);
    var input = $("input, textarea, select", node);
    var orig = node.dataset.orig === "1";
    /* What the clerk did not touch stays as the file has it: a default never written, an emptied
       required field kept as an empty value (with its comment), never deleted. */
    if (type === "boolean") {
      var yes = input.value === "1";
      return (!orig && yes === (node.dataset.default === "1")) ? undefined : yes;
    }
    if (type === "choice") {
      if (input.value === "") return undefined;
      return (!orig && input.value === node.dataset.default) ? undefined : input.value;
    }
    var text = input.value;
    if (text.trim() === "") return (orig && node.dataset.required === "1") ? "" : undefined;
    if (type === "integer") return /^\s*-?\d+\s*$/.test(text) ? parseInt(text, 10) : text.trim();
    return text;
  }

  /* ---- validation messages next to the fields ---- */
  function find(root, loc) {
    var cur = root;
    for (var i = 0; i < loc.length; i++) {
      var key = loc[i], type = cur.dataset.type, next = null;
      if (type === "object") {
        next = kids(kids(cur, ".fields")[0], ".node").filter(function (c) { return c.dataset.key === String(key); })[0];
      } else if (type === "array" && typeof key === "number") {
        var li = kids(kids(cur, "ol.elements")[0], "li")[key];
        next = li ? inner(li) : null;
      } else if (type === "map") {
        next = kids(kids(cur, "ol.elements")[0], "li").map(inner).filter(function (n) { return $(".map-key", n).value.trim() === String(key); })[0];
      }
      if (!next) break;
      cur = next;
    }
    return cur;
  }
  function showIssues(issues) {
    var form = $("#plan-form");
    if (!form) return;
    $$(".err", form).forEach(function (e) { e.textContent = ""; });
    $$(".invalid", form).forEach(function (e) { e.classList.remove("invalid"); });
    var root = $(".node", form), summary = $("#summary"), errors = 0;
    summary.textContent = "";
    var list = el("ul");
    issues.forEach(function (issue) {
      var node = find(root, issue.loc), err = kids(node, ".err")[0];
      var bad = issue.severity === "error";
      if (bad) errors++;
      if (err) { err.textContent = (err.textContent ? err.textContent + " " : "") + (bad ? "" : "Cảnh báo: ") + issue.message; }
      if (bad) node.classList.add("invalid");
      var item = el("li", { "class": bad ? "error" : "warn" });
      var link = el("a", { href: "#", title: "Trong tệp YAML: " + (issue.path || "") }, (issue.where || "") + ": " + issue.message);
      link.addEventListener("click", function (ev) {
        ev.preventDefault();
        var target = $("input, textarea, select", node) || node;
        openAncestors(node); target.focus(); node.scrollIntoView({ block: "center" });
      });
      item.appendChild(link); list.appendChild(item);
    });
    summary.className = "summary " + (errors ? "has-errors" : "ok");
    summary.appendChild(el("p", {}, errors ? "Kế hoạch có " + errors + " lỗi:" : "Kế hoạch hợp lệ."));
    if (issues.length) summary.appendChild(list);
  }
  function setFold(node, folded) {
    node.classList.toggle("folded", folded);
    var b = $(":scope > legend > button.fold, :scope > .arr-head > button.fold", node);
    if (b) { b.textContent = folded ? "Mở" : "Thu gọn"; b.setAttribute("aria-expanded", folded ? "false" : "true"); }
  }
  function openAncestors(node) {
    for (var n = node; n; n = n.parentElement) {
      if (n.hidden) n.hidden = false;
      if (n.tagName === "DETAILS") n.open = true;
      if (n.classList && n.classList.contains("folded")) setFold(n, false);
    }
  }

  /* ---- the plan form ---- */
  var editor = $("#editor");
  var dirty = false, timer = null, sha = editor ? editor.dataset.sha : "";
  function rel() { return encodeURI(editor.dataset.rel); }
  function values() { return collect($("#plan-form > .node")); }
  function setStatus(text) {
    var s = $("#status");
    if (!s) return;
    if (text) { s.textContent = text; return; }
    s.textContent = dirty ? "Có thay đổi chưa lưu." : "Đã lưu mọi thay đổi.";
  }
  function openedText() {
    var errors = JSON.parse($("#initial-issues").textContent).filter(function (i) { return i.severity === "error"; }).length;
    return "Đang sửa " + editor.dataset.rel + (errors ? ": còn " + errors + " lỗi, xem danh sách bên trái." : ": hợp lệ, chưa có thay đổi.");
  }
  function validateSoon() {
    dirty = true; setStatus(null);
    clearTimeout(timer);
    timer = setTimeout(function () {
      post("/api/validate/" + rel(), { values: values() }).then(function (r) {
        if (r.issues) showIssues(r.issues);
        if (dirty) setStatus(null);
      });
    }, 350);
  }
  function renumber(scope) {
    $$(".arr", scope || document).forEach(function (arr) {
      kids(kids(arr, "ol.elements")[0], "li").forEach(function (li, i) {
        var no = $(".el-no", li);
        if (no) no.textContent = arr.dataset.noun + " " + (i + 1);
      });
    });
  }
  function addElement(container) {
    var tpl = document.getElementById("tpl-" + container.dataset.tpl);
    var li = tpl.content.firstElementChild.cloneNode(true);
    kids(container, "ol.elements")[0].appendChild(li);
    renumber(container.parentElement || container);
    var first = $("input, textarea, select", li);
    if (first) first.focus();
  }
  if (editor) {
    var form = $("#plan-form");
    form.addEventListener("input", validateSoon);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("change", function (ev) {
      if (ev.target.classList.contains("present-box")) {
        kids(ev.target.closest("fieldset"), ".fields")[0].hidden = !ev.target.checked;
      }
      validateSoon();
    });
    form.addEventListener("click", function (ev) {
      var b = ev.target.closest("button");
      if (!b) return;
      if (b.classList.contains("fold")) { var part = b.closest(".foldable"); setFold(part, !part.classList.contains("folded")); return; }
      var li = b.closest("li.el");
      if (b.classList.contains("add")) addElement(b.parentElement);
      else if (b.classList.contains("drop")) b.closest(".node").remove();
      else if (b.classList.contains("del") && li) {
        var next = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        if (next) { var f = $("button", next); if (f) f.focus(); }
      }
      else if (b.classList.contains("up") && li && li.previousElementSibling) { li.parentElement.insertBefore(li, li.previousElementSibling); b.focus(); }
      else if (b.classList.contains("down") && li && li.nextElementSibling) { li.parentElement.insertBefore(li.nextElementSibling, li); b.focus(); }
      else return;
      renumber(form);
      validateSoon();
    });
    renumber(form);
    $$(".toc ol a").forEach(function (a) {
      a.addEventListener("click", function () { var part = document.getElementById(decodeURIComponent(a.hash.slice(1))); if (part) openAncestors(part); });
    });
    $("#unfold-all").addEventListener("click", function () { $$(".foldable", form).forEach(function (p) { setFold(p, false); }); });
    $("#fold-all").addEventListener("click", function () { $$(".foldable", form).forEach(function (p) { setFold(p, true); }); });
    showIssues(JSON.parse($("#initial-issues").textContent));
    setStatus(openedText());

    var save = function (force) {
      setStatus("Đang lưu…");
      post("/api/save/" + rel(), { values: values(), sha256: sha, force: !!force }).then(function (r) {
        if (r._status === 409 && r.disk_text !== undefined) {
          $("#conflict").hidden = false;
          $("#conflict-msg").textContent = r.error;
          $("#disk-text").textContent = r.disk_text;
          $("#mine-text").textContent = r.mine_text;
          $("#result").textContent = "";
          setStatus("Chưa lưu: tệp đã đổi trên đĩa.");
          return;
        }
        if (r.error) { $("#result").textContent = ""; setStatus("Chưa lưu: " + r.error); return; }
        sha = r.sha256; dirty = false; $("#conflict").hidden = true;
        showIssues(r.issues || []);
        setStatus(r.message);
      });
    };
    $("#save").addEventListener("click", function () { save(false); });
    $("#overwrite").addEventListener("click", function () { save(true); });
    $("#keep-disk").addEventListener("click", function () { dirty = false; location.reload(); });
    $("#save-copy").addEventListener("click", function () {
      post("/api/save-copy/" + rel(), { values: values() }).then(function (r) {
        if (r.error) { setStatus(r.error); return; }
        dirty = false;
        var box = $("#result"); box.textContent = "";
        box.appendChild(el("p", {}, r.message));
        box.appendChild(el("a", { href: "/ke-hoach/" + encodeURI(r.rel) }, "Mở " + r.rel));
        $("#conflict").hidden = true;
      });
    });
    document.addEventListener("keydown", function (ev) {
      if ((ev.ctrlKey || ev.metaKey) && ev.key === "s") { ev.preventDefault(); save(false); }
      if (ev.key === "Escape") $("#preview").hidden = true;
    });
    window.addEventListener("beforeunload", function (ev) { if (dirty) { ev.preventDefault(); ev.returnValue = ""; } });

    var result = $("#result");
    var busy = function (text) { result.textContent = ""; result.appendChild(el("p", { "class": "busy" }, text)); };
    var showFiles = function (r) {
      result.textContent = "";
      if (r.issues) showIssues(r.issues);
      if (r.error) { result.appendChild(el("p", { "class": "msg error", role: "alert" }, r.error)); return; }
      var ul = el("ul", { "class": "files" });
      (r.files || []).forEach(function (f) {
        var li = el("li"); li.appendChild(el("a", { href: f.url, download: f.name }, f.name)); ul.appendChild(li);
      });
      ["zip", "manifest"].forEach(function (k) {
        if (r[k]) { var li = el("li"); li.appendChild(el("a", { href: r[k].url, download: r[k].name }, r[k].name)); ul.appendChild(li); }
      });
      if (r.seconds !== undefined) result.appendChild(el("p", {}, "Đã soạn trong " + decimal(r.seconds, 2) + " giây:"));
      if (r.count !== undefined) result.appendChild(el("p", {}, "Đã soạn " + r.count + " mẫu báo cáo (hạn gửi " + r.deadline + "):"));
      result.appendChild(ul);
      (r.warnings || []).forEach(function (w) { result.appendChild(el("p", { "class": "msg warn" }, "Cảnh báo: " + w)); });
      (r.review || []).forEach(function (w) { result.appendChild(el("p", { "class": "review" }, w)); });
      if (r.message) result.appendChild(el("p", {}, r.message));
      if (r.rel) result.appendChild(el("a", { href: "/ke-hoach/" + encodeURI(r.rel) }, "Mở " + r.rel));
      if (r.compare) showChanges(r.compare);
    };
    /* What changed since last year: the counts, the changes by part, the two files. */
    var showChanges = function (c) {
      var box = el("div", { "class": "changes" });
      box.appendChild(el("h3", {}, "Thay đổi so với năm trước"));
      if (c.error) { box.appendChild(el("p", { "class": "msg warn" }, c.error)); result.appendChild(box); return; }
      c.summary.lines.forEach(function (t) { box.appendChild(el("p", { "class": "lead" }, t)); });
      c.summary.groups.forEach(function (g) {
        if (!g.items.length) return;
        var d = el("details"); d.open = g.items.length <= 12;
        d.appendChild(el("summary", {}, g.title + " (" + g.items.length + ")"));
        var ul = el("ul"); g.items.forEach(function (t) { ul.appendChild(el("li", {}, t)); });
        d.appendChild(ul); box.appendChild(d);
      });
      var ul = el("ul", { "class": "files" });
      (c.files || []).forEach(function (f) {
        var li = el("li"); li.appendChild(el("a", { href: f.url, download: f.name }, f.what || f.name));
        li.appendChild(el("span", { "class": "file" }, " " + f.name)); ul.appendChild(li);
      });
      box.appendChild(ul);
      result.appendChild(box);
    };
    $$("button.make").forEach(function (b) {
      b.addEventListener("click", function () {
        busy("Đang soạn…");
        post("/api/make/" + b.dataset.kind + "/" + rel(), {
          values: values(), pdf: $("#want-pdf").checked,
          period: $("#report-period").value, unit: $("#report-unit").value, units: $("#report-units").value,
          abbreviation: $("#report-abbreviation").value, signer_title: $("#report-signer-title").value,
          place: $("#report-place").value
        }).then(showFiles);
      });
    });
    $("#rollover-btn").addEventListener("click", function () {
      busy("Đang lập kế hoạch năm sau…");
      post("/api/rollover/" + rel(), { year: $("#rollover-year").value, values: values() }).then(showFiles);
    });
    if ($("#compare-btn")) $("#compare-btn").addEventListener("click", function () {
      busy("Đang so sánh…");
      post("/api/compare/" + rel(), { old: $("#compare-old").value }).then(function (r) {
        result.textContent = "";
        if (r.error) { result.appendChild(el("p", { "class": "msg error", role: "alert" }, r.error)); return; }
        showChanges(r);
      });
    });
    $("#batch-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var data = new FormData(ev.target);
      data.append("values", JSON.stringify(values()));
      if ($("#want-pdf").checked) data.append("pdf", "1");
      var bar = $("#batch-progress");
      busy("Đang soạn hàng loạt…");
      post("/api/batch/" + rel(), data).then(function (r) {
        if (r.error || !r.job) { showFiles(r); return; }
        bar.hidden = false; bar.max = Math.max(r.total, 1); bar.value = 0;
        var poll = function () {
          fetch("/api/job/" + r.job, { credentials: "same-origin" }).then(function (x) { return x.json(); }).then(function (s) {
            bar.value = s.done;
            if (!s.finished) { busy("Đang soạn " + s.done + "/" + s.total + "…"); setTimeout(poll, 400); return; }
            showFiles(s);
          });
        };
        poll();
      });
    });
    $("#preview-btn").addEventListener("click", function () {
      var body = $("#preview-body"), box = $("#preview");
      body.textContent = "Đang dựng trang…"; box.hidden = false; $("#preview-close").focus();
      post("/api/preview/" + rel(), { values: values(), kind: $("#preview-kind").value }).then(function (r) {
        body.textContent = "";
        if (r.issues) showIssues(r.issues);
        if (r.error) { body.appendChild(el("p", { "class": "msg error" }, r.error)); return; }
        if (r.kind === "png") {
          r.pages.forEach(function (url, i) { body.appendChild(el("img", { src: url, alt: "Trang " + (i + 1), "class": "page" })); });
          return;
        }
        var paper = el("div", { "class": "paper" });
        var para = function (p) {
          var node = el("p", { style: "text-align:" + p.align });
          p.runs.forEach(function (run) {
            var span = el(run.bold ? "strong" : "span", {}, run.text);
            if (run.italic) span.className = "it";
            node.appendChild(span);
          });
          return node;
        };
        r.blocks.forEach(function (b) {
          if (b.type === "p") { paper.appendChild(para(b)); return; }
          var table = el("table");
          b.rows.forEach(function (row) {
            var tr = el("tr");
            row.forEach(function (cell) { var td = el("td"); cell.forEach(function (p) { td.appendChild(para(p)); }); tr.appendChild(td); });
            table.appendChild(tr);
          });
          paper.appendChild(table);
        });
        body.appendChild(paper);
      });
    });
    $("#preview-close").addEventListener("click", function () { $("#preview").hidden = true; });
  }

  /* ---- file pickers in Vietnamese (the browser's own button speaks the browser's language) ---- */
  $$("input[type=file]").forEach(function (input) {
    var pick = el("button", { type: "button", "class": "pick" }, input.multiple ? "Chọn các tệp…" : "Chọn tệp…");
    var name = el("span", { "class": "pick-name" }, "chưa chọn tệp");
    input.classList.add("vh"); input.tabIndex = -1;
    input.parentNode.insertBefore(name, input.nextSibling);
    input.parentNode.insertBefore(pick, name);
    pick.addEventListener("click", function () { input.click(); });
    input.addEventListener("change", function () {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      name.textContent = !names.length ? "chưa chọn tệp" : names.length === 1 ? names[0] : names.length + " tệp: " + names.slice(0, 3).join(", ") + (names.length > 3 ? "…" : "");
    });
  });

  /* ---- the plan list: import a .docx, check a .docx ---- */
  $$("form.upload").forEach(function (f) {
    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var out = f.nextElementSibling;
      out.textContent = "Đang xử lý…";
      post(f.dataset.action, new FormData(f)).then(function (r) {
        out.textContent = "";
        if (r.error) { out.appendChild(el("p", { "class": "msg error", role: "alert" }, r.error)); return; }
        if (r.findings) {
          out.appendChild(el("p", {}, r.file + ": " + r.errors + " lỗi, " + r.warnings + " cảnh báo."));
          var ul = el("ul", { "class": "findings" });
          r.findings.forEach(function (x) {
            ul.appendChild(el("li", { "class": x.severity === "error" ? "error" : "warn" },
              "[" + (x.severity === "error" ? "LỖI" : "CẢNH BÁO") + "] " + x.rule + " (" + x.where + ") " + (x.text ? "«" + x.text + "» " : "") + x.message));
          });
          out.appendChild(ul);
          return;
        }
        if (r.message) out.appendChild(el("p", {}, r.message));
        (r.files || []).forEach(function (f) {
          var p = el("p"); p.appendChild(el("a", { href: f.url, download: f.name }, f.name)); out.appendChild(p);
        });
        (r.warnings || []).forEach(function (w) { out.appendChild(el("p", { "class": "msg warn" }, w)); });
        if (r.rel) out.appendChild(el("a", { href: "/ke-hoach/" + encodeURI(r.rel) }, "Mở " + r.rel));
      });
    });
  });
  /* ---- the return loop: replies, answers, Tờ trình, returned forms, calendar ---- */
  var loop = $("#loop");
  if (loop) {
    var loopRel = encodeURI(loop.dataset.rel);
    var fileList = function (box, files) {
      if (!files || !files.length) return;
      var ul = el("ul", { "class": "files" });
      files.forEach(function (f) {
        var li = el("li");
        li.appendChild(el("a", { href: f.url, download: f.name }, f.what || f.name));
        if (f.what) li.appendChild(el("span", { "class": "file" }, " " + f.name));
        ul.appendChild(li);
      });
      box.appendChild(el("p", { "class": "lead" }, "Tải về:"));
      box.appendChild(ul);
    };
    var summary = function (box, r) {
      box.textContent = "";
      if (r.error) { box.appendChild(el("p", { "class": "msg error", role: "alert" }, r.error)); return; }
      var s = r.summary || { lines: [], groups: [], warnings: [] };
      s.lines.forEach(function (t) { box.appendChild(el("p", { "class": "lead" }, t)); });
      s.groups.forEach(function (g) {
        if (!g.items.length) return;
        var d = el("details"); d.open = g.items.length <= 12;
        d.appendChild(el("summary", {}, g.title + " (" + g.items.length + ")"));
        var ul = el("ul"); g.items.forEach(function (t) { ul.appendChild(el("li", {}, t)); });
        d.appendChild(ul); box.appendChild(d);
      });
      (s.warnings || []).forEach(function (w) { box.appendChild(el("p", { "class": "msg warn" }, "Lưu ý: " + w)); });
      fileList(box, r.files);
    };
    var withDates = function (form) {
      var data = new FormData(form), dates = [];
      Array.prototype.forEach.call(form.querySelector("input[name=files]").files, function (f) { dates.push(f.lastModified); });
      data.append("dates", JSON.stringify(dates));
      return data;
    };
    var answersBox = $("#tra-loi"), answersBody = $("#answers-body");
    var showAnswers = function (r) {
      if (!r.comments) return;
      answersBody.textContent = "";
      r.comments.forEach(function (c) {
        var tr = el("tr", { "data-id": c.id });
        tr.appendChild(el("td", {}, c.part));
        tr.appendChild(el("td", {}, c.unit));
        tr.appendChild(el("td", {}, c.text));
        var td = el("td"), select = el("select", { "class": "choice", "aria-label": "Ý kiến về góp ý của " + c.unit });
        select.appendChild(document.importNode($("#answer-choices").content, true));
        select.value = c.choice || "";
        var reason = el("textarea", { "class": "reason", rows: "2", placeholder: "Lý do, nội dung giải trình", "aria-label": "Lý do" });
        reason.value = c.reason || "";
        td.appendChild(select); td.appendChild(reason); tr.appendChild(td);
        answersBody.appendChild(tr);
      });
      answersBox.hidden = r.comments.length === 0;
    };
    var answers = function () {
      var out = {};
      $$("tr[data-id]", answersBody).forEach(function (tr) {
        out[tr.dataset.id] = { choice: $("select.choice", tr).value, reason: $("textarea.reason", tr).value };
      });
      return out;
    };
    /* «Tiếp thu một phần» and «Giải trình» need their reason: said beside the row, before any request. */
    var missingReason = function (box) {
      var first = null;
      $$("tr[data-id]", answersBody).forEach(function (tr) {
        var choice = $("select.choice", tr).value, reason = $("textarea.reason", tr);
        var bad = choice !== "" && choice !== "Tiếp thu" && reason.value.trim() === "";
        tr.classList.toggle("invalid", bad);
        if (bad && !first) first = reason;
      });
      if (!first) return false;
      box.textContent = "";
      box.appendChild(el("p", { "class": "msg error", role: "alert" }, "«Tiếp thu một phần» và «Giải trình» cần ghi lý do hoặc nội dung giải trình (các dòng tô đỏ)."));
      first.focus();
      return true;
    };
    /* A background job: the bar and "Đang đọc 3/12 tệp…" until it is finished, then done(status). */
    var follow = function (job, box, bar, done) {
      bar.hidden = false; bar.value = 0;
      var poll = function () {
        fetch("/api/job/" + job, { credentials: "same-origin" }).then(function (x) { return x.json(); }).then(function (s) {
          bar.max = Math.max(s.total, 1); bar.value = s.done;
          if (!s.finished) {
            box.textContent = ""; box.appendChild(el("p", { "class": "busy" }, "Đang đọc " + s.done + "/" + (s.total || "?") + " tệp…"));
            setTimeout(poll, 300); return;
          }
          bar.hidden = true;
          done(s);
        });
      };
      poll();
    };
    $("#comments-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var box = $("#comments-result"), bar = $("#comments-progress");
      box.textContent = ""; box.appendChild(el("p", { "class": "busy" }, "Đang tải lên…"));
      post(ev.target.dataset.action, withDates(ev.target)).then(function (r) {
        if (r.error || !r.job) { summary(box, r); return; }
        follow(r.job, box, bar, function (s) { summary(box, s); showAnswers(s); });
      });
    });
    $("#answers-save").addEventListener("click", function () {
      var box = $("#answers-result");
      if (missingReason(box)) return;
      box.textContent = "Đang lưu…";
      post("/api/answers/" + loopRel, { answers: answers() }).then(function (r) {
        box.textContent = "";
        box.appendChild(el("p", { "class": r.error ? "msg error" : "lead", role: r.error ? "alert" : "status" }, r.error || r.message));
      });
    });
    $("#to-trinh").addEventListener("click", function () {
      var box = $("#answers-result");
      if (missingReason(box)) return;
      box.textContent = ""; box.appendChild(el("p", { "class": "busy" }, "Đang soạn bản tổng hợp và Tờ trình…"));
      post("/api/to-trinh/" + loopRel, { answers: answers() }).then(function (r) {
        box.textContent = "";
        if (r.error) { box.appendChild(el("p", { "class": "msg error", role: "alert" }, r.error)); return; }
        box.appendChild(el("p", { "class": "lead" }, "Đã lưu trả lời và soạn bản tổng hợp (có cột trả lời) cùng Tờ trình trong " + decimal(r.seconds, 2) + " giây."));
        fileList(box, r.files);
      });
    });
    $("#collect-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var box = $("#collect-result"), bar = $("#collect-progress");
      box.textContent = ""; box.appendChild(el("p", { "class": "busy" }, "Đang tải lên…"));
      post(ev.target.dataset.action, withDates(ev.target)).then(function (r) {
        if (r.error || !r.job) { summary(box, r); return; }
        follow(r.job, box, bar, function (s) { summary(box, s); });
      });
    });
    $("#calendar-btn").addEventListener("click", function () {
      var box = $("#calendar-result");
      box.textContent = "Đang xuất…";
      post("/api/calendar/" + loopRel, {}).then(function (r) {
        box.textContent = "";
        if (r.error) { box.appendChild(el("p", { "class": "msg error", role: "alert" }, r.error)); return; }
        box.appendChild(el("p", { "class": "lead" }, r.message));
        fileList(box, r.files);
      });
    });
  }
})();

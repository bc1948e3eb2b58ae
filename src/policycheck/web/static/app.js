// policycheck's page: choose documents, upload each, follow the check, show the report.
// Plain JavaScript, no libraries; everything it talks to is the server that served it.
"use strict";

(function () {
  const token = document.querySelector('meta[name="policycheck-token"]').content;
  const data = document.body.dataset;
  const limits = {
    file: Number(data.maxFileBytes), text: Number(data.maxTextBytes),
    fileText: data.maxFile, textText: data.maxText,
  };
  const suffixes = new Set(data.suffixes.split(" "));
  const textSuffixes = new Set(data.textSuffixes.split(" "));
  const UPLOADS_AT_ONCE = 3;
  const POLL_MS = 400;
  const $ = (id) => document.getElementById(id);

  let chosen = []; // {file, name}
  let skipped = [];
  let job = null;

  // ---- choosing documents -------------------------------------------------------------

  function suffixOf(name) {
    const base = name.split("/").pop();
    const dot = base.lastIndexOf(".");
    return dot > 0 ? base.slice(dot).toLowerCase() : "";
  }

  function add(file, name) {
    name = name || file.webkitRelativePath || file.name;
    if (name.split("/").some((part) => part.startsWith("."))) return; // hidden, as `check` does
    const suffix = suffixOf(name);
    if (suffix && !suffixes.has(suffix)) {
      skipped.push(name);
      return;
    }
    if (!chosen.some((c) => c.name === name && c.file.size === file.size)) {
      chosen.push({ file, name });
    }
  }

  function size(bytes) {
    if (bytes < 1024) return `${bytes} bytes`;
    if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  function showChosen() {
    chosen.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const list = $("chosen-list");
    list.replaceChildren(...chosen.map((c) => {
      const item = document.createElement("li");
      item.textContent = `${c.name} (${size(c.file.size)})`;
      return item;
    }));
    const total = chosen.reduce((sum, c) => sum + c.file.size, 0);
    let text = chosen.length
      ? `${chosen.length} document${chosen.length === 1 ? "" : "s"} chosen (${size(total)}).`
      : "No documents chosen yet.";
    if (skipped.length) {
      text += ` Skipped ${skipped.length} file${skipped.length === 1 ? "" : "s"} that ` +
        `${skipped.length === 1 ? "is not a policy document" : "are not policy documents"}: ` +
        `${skipped.slice(0, 5).join(", ")}${skipped.length > 5 ? ", …" : ""}.`;
    }
    $("chosen").textContent = text;
    $("clear").hidden = !chosen.length && !skipped.length;
    $("start").disabled = !chosen.length;
  }

  function readEntry(entry) {
    if (entry.isFile) {
      return new Promise((resolve) => entry.file(
        (file) => { add(file, entry.fullPath.replace(/^\/+/, "")); resolve(); },
        () => { skipped.push(entry.fullPath); resolve(); }));
    }
    if (!entry.isDirectory) return Promise.resolve();
    const reader = entry.createReader();
    const next = () => new Promise((resolve) => reader.readEntries(resolve, () => resolve([])));
    return (async () => {
      for (let batch = await next(); batch.length; batch = await next()) {
        for (const child of batch) await readEntry(child);
      }
    })();
  }

  async function dropped(event) {
    event.preventDefault();
    $("drop").classList.remove("over");
    const items = Array.from(event.dataTransfer.items || []);
    const entries = items.map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    if (entries.length) {
      for (const entry of entries) await readEntry(entry);
    } else {
      for (const file of event.dataTransfer.files) add(file);
    }
    showChosen();
  }

  function picked(event) {
    for (const file of event.target.files) add(file);
    event.target.value = "";
    showChosen();
  }

  // ---- talking to the server -----------------------------------------------------------

  async function api(method, url, body) {
    const response = await fetch(url, {
      method, credentials: "same-origin", cache: "no-store",
      headers: { "X-Policycheck-Token": token, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || `${response.status} ${response.statusText}`);
    return answer;
  }

  function upload(jobId, item, row) {
    const text = textSuffixes.has(suffixOf(item.name)) && limits.text < limits.file;
    const limit = text ? limits.text : limits.file;
    if (item.file.size > limit) { // the server refuses it too; this spares sending it
      row.refused(text ? `text file is over the ${limits.textText} limit (max_text_bytes)`
        : `file is over the ${limits.fileText} limit (max_file_bytes)`);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("PUT", `/api/jobs/${jobId}/files`);
      xhr.setRequestHeader("X-Policycheck-Token", token);
      xhr.setRequestHeader("X-Filename", encodeURIComponent(item.name));
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) row.uploading(e.loaded / e.total); };
      xhr.onload = () => {
        let answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
        if (xhr.status === 201) row.stored(answer.index, answer.name);
        else row.refused(answer.reason || answer.error || `${xhr.status} ${xhr.statusText}`);
        resolve();
      };
      xhr.onerror = () => { row.refused("the upload failed"); resolve(); };
      xhr.send(item.file);
    });
  }

  // ---- progress ------------------------------------------------------------------------

  function makeRow(name) {
    const tr = document.createElement("tr");
    const cells = [0, 1, 2].map(() => document.createElement("td"));
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = name;
    const bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", `${name}: progress`);
    cells[1].append(bar);
    tr.append(th, cells[1], cells[2]);
    $("documents").tBodies[0].append(tr);
    const say = (text, kind) => {
      cells[2].textContent = text;
      tr.className = kind || "";
    };
    say("waiting to upload");
    return {
      index: null,
      uploading(fraction) { bar.value = Math.round(fraction * 50); say(`uploading ${Math.round(fraction * 100)}%`); },
      stored(index, shown) { this.index = index; th.textContent = shown; bar.value = 50; say("uploaded; waiting to be checked"); },
      refused(reason) { bar.value = 100; say(`not checked: ${reason}`, "error"); },
      update(doc) {
        if (doc.state === "checking") { bar.removeAttribute("value"); say("checking…", "busy"); }
        else if (doc.state === "done") { bar.value = 100; say(`checked: ${doc.summary}`, "done"); }
        else if (doc.state === "error") { bar.value = 100; say(`could not be read: ${doc.error}`, "error"); }
      },
    };
  }

  async function check(event) {
    event.preventDefault();
    $("form-error").textContent = "";
    const rules = Array.from(document.querySelectorAll('input[name="rules"]:checked'), (b) => b.value);
    const failOn = document.querySelector('input[name="fail-on"]:checked').value;
    if (!rules.length) {
      $("form-error").textContent = "Choose at least one rule set.";
      return;
    }
    $("start").disabled = true;
    try {
      job = (await api("POST", "/api/jobs", { rules, fail_on: failOn })).id;
    } catch (error) {
      $("form-error").textContent = `Could not start: ${error.message}`;
      $("start").disabled = false;
      return;
    }
    $("choose").hidden = true;
    $("progress").hidden = false;
    $("documents").tBodies[0].replaceChildren();
    const rows = chosen.map((item) => makeRow(item.name));
    $("overall-text").textContent = `Uploading ${chosen.length} documents…`;
    let next = 0;
    const worker = async () => {
      while (next < chosen.length) {
        const i = next++;
        await upload(job, chosen[i], rows[i]);
      }
    };
    await Promise.all(Array.from({ length: UPLOADS_AT_ONCE }, worker));
    try {
      await api("POST", `/api/jobs/${job}/start`);
    } catch (error) {
      $("overall-text").textContent = `Could not start checking: ${error.message}`;
      return;
    }
    follow(job, rows.filter((r) => r.index !== null));
  }

  async function follow(jobId, rows) {
    const byIndex = new Map(rows.map((r) => [r.index, r]));
    for (;;) {
      let status;
      try {
        status = await api("GET", `/api/jobs/${jobId}`);
      } catch (error) {
        $("overall-text").textContent = `Lost touch with policycheck: ${error.message}`;
        return;
      }
      if (jobId !== job) return; // the person has moved on
      status.documents.forEach((doc) => byIndex.get(doc.index) && byIndex.get(doc.index).update(doc));
      $("overall").max = Math.max(status.total, 1);
      $("overall").value = status.done;
      const waiting = status.state === "waiting" ? " (waiting for another check to finish)" : "";
      $("overall-text").textContent = `Checked ${status.done} of ${status.total} documents${waiting}.`;
      if (status.state === "done") return showResults(jobId, status);
      if (status.state === "failed" || status.state === "stopped") {
        $("overall-text").textContent = `The check ${status.state === "failed" ? "failed" : "was stopped"}` +
          `${status.error ? `: ${status.error}` : "."}`;
        $("choose").hidden = false;
        $("start").disabled = !chosen.length;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  // ---- results -------------------------------------------------------------------------

  function showResults(jobId, status) {
    $("progress-title").textContent = "Checked";
    $("results").hidden = false;
    $("verdict").textContent = status.verdict.text;
    $("verdict").className = `verdict ${status.verdict.exit_code === 0 ? "pass" : "fail"}`;
    $("notices").replaceChildren(...status.notices.map((n) => {
      const item = document.createElement("li");
      item.textContent = n;
      return item;
    }));
    $("download-html").href = `/jobs/${jobId}/report.html?download=1`;
    $("download-docx").href = `/jobs/${jobId}/feedback.docx`;
    $("download-csv").href = `/jobs/${jobId}/matrix.csv`;
    $("annotated").hidden = !status.annotatable.length;
    $("annotated-list").replaceChildren(...status.annotatable.map((doc) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `/jobs/${jobId}/annotated/${doc.index}`;
      link.className = "annotated";
      link.textContent = `${doc.name}: download the copy with comments`;
      item.append(link);
      return item;
    }));
    const frame = $("report");
    frame.addEventListener("load", () => {
      const page = frame.contentDocument && frame.contentDocument.documentElement;
      if (page) frame.style.height = `${page.scrollHeight + 24}px`;
    }, { once: true });
    frame.src = `/jobs/${jobId}/report.html`;
    $("results-title").focus();
  }

  function startAgain() {
    job = null;
    chosen = [];
    skipped = [];
    showChosen();
    $("results").hidden = true;
    $("progress").hidden = true;
    $("progress-title").textContent = "Checking";
    $("report").removeAttribute("src");
    $("choose").hidden = false;
    $("drop").focus();
  }

  async function deleteNow() {
    const jobId = job;
    try {
      if (jobId) await api("DELETE", `/api/jobs/${jobId}`);
    } catch (error) {
      $("verdict").textContent = `Could not delete: ${error.message}`;
      return;
    }
    startAgain();
    $("chosen").textContent = "The documents and results of that check are deleted. No documents chosen yet.";
  }

  // ---- wiring --------------------------------------------------------------------------

  const drop = $("drop");
  drop.addEventListener("click", () => $("files").click());
  drop.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); $("files").click(); }
  });
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", dropped);
  // A file dropped beside the zone must not make the browser leave the page to open it.
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());
  $("files").addEventListener("change", picked);
  $("folder").addEventListener("change", picked);
  $("clear").addEventListener("click", () => { chosen = []; skipped = []; showChosen(); });
  $("choose").addEventListener("submit", check);
  $("again").addEventListener("click", startAgain);
  $("delete").addEventListener("click", deleteNow);
  $("results-title").tabIndex = -1;
  showChosen();
})();

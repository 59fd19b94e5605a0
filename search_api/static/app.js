// Stint's student page: instant search as you type, facet filters, result cards.
//
// Safety rule: text from listings is put into the page with textContent only. The one
// exception is the highlighted title and snippet, which the API sends as escaped HTML whose
// only tags are <mark>; they are checked against that shape again here before use.
"use strict";

(function () {
  const DEBOUNCE_MS = 200;
  const PAGE_SIZE = 20;
  const FEED_EXCLUDED = ["page", "page_size", "sort"];
  const SAFE_HIGHLIGHT = /^(?:[^<>]|<mark>|<\/mark>)*$/;

  const form = document.getElementById("search");
  const q = document.getElementById("q");
  const hitsList = document.getElementById("hits");
  const statusLine = document.getElementById("status");
  const categoryBox = document.getElementById("f-category");
  const pager = document.getElementById("pager");
  let page = 1;
  let timer = null;
  let inFlight = null;
  let sequence = 0;
  const knownCategories = new Set();

  function isoDate(daysAhead) {
    const d = new Date(Date.now() + daysAhead * 86400000);
    return d.toISOString().slice(0, 10);
  }

  // Deadline options carry "days from today"; their values are dates computed on load.
  for (const option of document.querySelectorAll("#f-deadline_after option[data-days]")) {
    option.value = isoDate(Number(option.dataset.days));
  }

  function formParams() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (String(value).trim() !== "" && !(name === "sort" && value === "relevance")) {
        params.append(name, value);
      }
    }
    return params;
  }

  function withoutPaging(params) {
    const copy = new URLSearchParams(params);
    for (const name of FEED_EXCLUDED) copy.delete(name);
    const text = copy.toString();
    return text ? "?" + text : "";
  }

  function updateLinks(params) {
    const suffix = withoutPaging(params);
    document.getElementById("feed-link").href = "/feeds/search.rss" + suffix;
    document.getElementById("feed-atom").href = "/feeds/search.atom" + suffix;
    document.getElementById("feed-json").href = "/feeds/search.json" + suffix;
    document.getElementById("export-csv").href = "/export/search.csv" + suffix;
    document.getElementById("career-link").href = "/career-centers" + suffix;
  }

  function restore() {
    const params = new URLSearchParams(location.search);
    page = Math.max(1, Number(params.get("page")) || 1);
    for (const category of params.getAll("category")) knownCategories.add(category);
    renderCategories({});
    for (const element of form.elements) {
      if (!element.name || !params.has(element.name)) continue;
      const values = params.getAll(element.name);
      if (element.type === "checkbox") {
        element.checked = values.includes(element.value);
      } else if (element.tagName === "SELECT") {
        const value = values[0];
        if (![...element.options].some((o) => o.value === value)) {
          // A value from a shared URL that no option offers: add it, labelled like its siblings.
          const prefix = element.name === "deadline_after" ? "after " : element.name === "sort" ? "" : "up to ";
          element.add(new Option(prefix + value, value));
        }
        element.value = value;
      } else {
        element.value = values[0];
      }
    }
  }

  function text(tag, className, content) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (content !== undefined && content !== null) element.textContent = String(content);
    return element;
  }

  function setHighlighted(element, safeHtml, plain) {
    if (typeof safeHtml === "string" && SAFE_HIGHLIGHT.test(safeHtml)) {
      element.innerHTML = safeHtml; // escaped text + <mark> only (checked above)
    } else {
      element.textContent = plain || "";
    }
  }

  function number(x) {
    return Number.isInteger(x) ? String(x) : x.toFixed(2);
  }

  function range(r, unit) {
    if (!r || (r.min == null && r.max == null)) return null;
    if (r.min != null && r.max != null && r.min !== r.max) return number(r.min) + "–" + number(r.max) + " " + unit;
    return number(r.min != null ? r.min : r.max) + " " + unit;
  }

  function payText(pay, usdHourly) {
    if (!pay) return null;
    const { min, max, currency, period, hourly_min: hourly } = pay;
    if (min == null && max == null) return pay.paid === true ? "Paid" : pay.paid === false ? "Unpaid" : null;
    let amount = number(min != null ? min : max);
    if (min != null && max != null && min !== max) amount = number(min) + "–" + number(max);
    let result = amount + (currency ? " " + currency : "") + (period ? " per " + period.toLowerCase() : "");
    // The hourly equivalent, in US dollars when the pay is in another currency: what the
    // pay filter and the pay sort compare.
    if (usdHourly != null && currency && currency !== "USD") result += " (≈ US$" + number(usdHourly) + "/h)";
    else if (hourly != null && period !== "HOUR") result += " (≈ " + number(hourly) + "/h)";
    return result;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\/\S+$/i.test(url.trim()) ? url.trim() : null;
  }

  function hostname(url) {
    try { return new URL(url).hostname; } catch (e) { return url; }
  }

  function card(hit) {
    const item = text("li", "card");
    const heading = text("h2", "card-title");
    const link = document.createElement("a");
    link.href = "/listings/" + encodeURIComponent(hit.id) + ".html";
    link.className = "title";
    setHighlighted(link, hit._formatted && hit._formatted.title, hit.title);
    heading.appendChild(link);
    item.appendChild(heading);
    const org = hit.organization && hit.organization.name;
    if (org) item.appendChild(text("p", "org", org));

    const facts = text("ul", "facts");
    const where = [hit.arrangement !== "unknown" ? hit.arrangement : null,
      (hit.cities && hit.cities.length ? hit.cities : hit.countries || []).join(", ")]
      .filter(Boolean).join(" · ");
    const rows = [
      ["pay", payText(hit.pay, hit.pay_hourly_min_usd)],
      ["duration", range(hit.duration_weeks, "weeks")],
      ["hours", range(hit.hours_per_week, "h/week")],
      ["deadline", hit.deadline ? "apply by " + hit.deadline.slice(0, 10) : null],
      ["where", where || null],
      ["category", hit.category ? hit.category.replace(/_/g, " ") : null],
    ];
    for (const [name, value] of rows) if (value) facts.appendChild(text("li", name, value));
    item.appendChild(facts);

    const snippet = text("p", "snippet");
    setHighlighted(snippet, hit._formatted && hit._formatted.description_text, hit.description_text);
    item.appendChild(snippet);

    const others = (hit.sources || [])
      .map((s) => (typeof s === "string" ? { url: s } : s))
      .filter((s) => safeUrl(s.url) && s.url !== hit.url);
    if (others.length) {
      const also = text("p", "sources", "Also posted on: ");
      others.forEach((s, i) => {
        const a = text("a", null, s.source || hostname(s.url));
        a.href = safeUrl(s.url);
        a.rel = "nofollow noopener noreferrer";
        if (i) also.appendChild(document.createTextNode(", "));
        also.appendChild(a);
      });
      item.appendChild(also);
    }
    return item;
  }

  function renderCategories(counts) {
    for (const name of Object.keys(counts)) knownCategories.add(name);
    const checked = new Set(new FormData(form).getAll("category"));
    for (const old of categoryBox.querySelectorAll("label, p.hint")) old.remove();
    if (!knownCategories.size) {
      categoryBox.appendChild(text("p", "hint", "No task types yet."));
      return;
    }
    for (const name of [...knownCategories].sort()) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = "category";
      box.value = name;
      box.id = "f-category-" + name;
      box.checked = checked.has(name);
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + name.replace(/_/g, " ") + " (" + (counts[name] || 0) + ")"));
      categoryBox.appendChild(label);
    }
  }

  function render(body) {
    hitsList.replaceChildren(...body.hits.map(card));
    statusLine.textContent = body.total === 0 ? "No postings match." :
      body.total + (body.total === 1 ? " posting" : " postings") + (body.query ? " for “" + body.query + "”" : "");
    renderCategories((body.facets && body.facets.category) || {});
    pager.hidden = body.total_pages <= 1;
    document.getElementById("page-info").textContent = "Page " + body.page + " of " + body.total_pages;
    document.getElementById("prev").disabled = body.page <= 1;
    document.getElementById("next").disabled = body.page >= body.total_pages;
  }

  async function search() {
    const params = formParams();
    updateLinks(params);
    const shown = new URLSearchParams(params);
    if (page > 1) shown.set("page", String(page));
    history.replaceState(null, "", shown.toString() ? "?" + shown : location.pathname);
    params.set("page", String(page));
    params.set("page_size", String(PAGE_SIZE));
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    const mine = ++sequence;
    document.body.classList.add("busy");
    try {
      const response = await fetch("/search?" + params, { signal: inFlight.signal,
        headers: { Accept: "application/json" } });
      const body = await response.json();
      if (mine !== sequence) return; // a newer search has started
      if (!response.ok) {
        statusLine.textContent = "Search failed: " + (typeof body.detail === "string" ? body.detail :
          (body.detail || []).map((d) => d.msg).join("; "));
        return;
      }
      render(body);
    } catch (error) {
      if (error.name !== "AbortError") statusLine.textContent = "Search is unavailable, try again.";
    } finally {
      if (mine === sequence) document.body.classList.remove("busy");
    }
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(search, DEBOUNCE_MS);
  }

  // "Email me new matches": offered only when the server can send email (GET /alerts/available).
  // Its fields have no name, so they are never part of the search; their events are not searches.
  const alertBox = document.getElementById("alert-box");
  const alertStatus = document.getElementById("alert-status");

  async function offerAlerts() {
    try {
      const response = await fetch("/alerts/available", { headers: { Accept: "application/json" } });
      alertBox.hidden = !(response.ok && (await response.json()).email === true);
    } catch (error) {
      alertBox.hidden = true;
    }
  }

  async function subscribe() {
    const email = document.getElementById("alert-email");
    if (!email.value.trim() || !email.checkValidity()) {
      alertStatus.textContent = "Please enter your email address.";
      email.focus();
      return;
    }
    alertStatus.textContent = "Sending…";
    try {
      const response = await fetch("/alerts", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ email: email.value.trim(), search: withoutPaging(formParams()).slice(1),
          every: document.getElementById("alert-every").value }),
      });
      const body = await response.json();
      alertStatus.textContent = response.ok ? body.detail :
        "Could not save the alert: " + (typeof body.detail === "string" ? body.detail :
          (body.detail || []).map((d) => d.msg).join("; "));
    } catch (error) {
      alertStatus.textContent = "Could not save the alert, try again.";
    }
  }

  document.getElementById("alert-open").addEventListener("click", (event) => {
    const panel = document.getElementById("alert-panel");
    panel.hidden = !panel.hidden;
    event.currentTarget.setAttribute("aria-expanded", String(!panel.hidden));
    if (!panel.hidden) document.getElementById("alert-email").focus();
  });
  document.getElementById("alert-submit").addEventListener("click", subscribe);
  document.getElementById("alert-email").addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); subscribe(); }
  });

  q.addEventListener("input", () => { page = 1; soon(); });
  form.addEventListener("change", (event) => {
    if (event.target !== q && !alertBox.contains(event.target)) { page = 1; search(); }
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); page = 1; search(); });
  document.getElementById("prev").addEventListener("click", () => { page -= 1; search(); });
  document.getElementById("next").addEventListener("click", () => { page += 1; search(); });
  function typingIn(element) {
    if (!element) return false;
    if (element.isContentEditable || element.tagName === "TEXTAREA") return true;
    return element.tagName === "INPUT" && !["checkbox", "radio", "button", "submit"].includes(element.type);
  }

  document.addEventListener("keydown", (event) => {
    // "/" jumps to the search box, as on many sites, unless the user is typing in a field.
    if (event.key === "/" && !typingIn(document.activeElement)) { event.preventDefault(); q.focus(); }
  });

  // Filters start folded (as served, so phones show results first without a layout shift when
  // this runs); open beside the results on wide screens.
  document.getElementById("filters").open = window.matchMedia("(min-width: 760px)").matches;

  restore();
  search();
  offerAlerts();
})();

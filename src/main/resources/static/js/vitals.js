// Care-team remote monitoring page: reads /api/v1/patients/{id}/vitals (the API decides with the
// VITALS data class and audits) and renders it. Values are set as text only, never as HTML.
"use strict";

(function () {
  const call = window.svApi.call;
  const show = window.svApi.show;
  const main = document.getElementById("vitals");
  const patientId = main.dataset.patientId;
  const REASONS = {
    "implausible-value": "Implausible value (outside physiological range)",
    "hub-non-compliant": "Hub not on an isolated network",
    "shared-home-network": "On the shared home network",
    "uplink-mode-mismatch": "Uplink differs from the registered mode",
    "segment-mismatch": "On another network segment than registered",
  };
  const ALERTS = {
    "oxygen-saturation-low": "SpO2 below 90 %",
    "heart-rate-low": "Heart rate below 40 /min",
    "heart-rate-high": "Heart rate above 130 /min",
    "blood-pressure-low": "Systolic pressure below 90 mmHg",
    "blood-pressure-high": "Blood pressure above 180/120 mmHg",
    "body-temperature-low": "Temperature below 35 °C",
    "body-temperature-high": "Temperature above 38 °C",
  };

  const UNITS = { "beats/minute": "/min", C: "°C" };
  const NAMES = { "85354-9": "Blood pressure" };

  function time(iso) {
    return new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
  }

  function value(r) {
    const v = r.diastolic !== null && r.diastolic !== undefined ? r.value + "/" + r.diastolic : String(r.value);
    return v + " " + (UNITS[r.unit] || r.unit);
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function fill(id, items, render) {
    const body = document.querySelector("#" + id + " tbody");
    body.replaceChildren();
    for (const item of items) {
      const row = document.createElement("tr");
      render(row, item);
      body.appendChild(row);
    }
  }

  function badge(text, kind) {
    const span = document.createElement("span");
    span.className = "badge " + kind;
    span.textContent = text;
    return span;
  }

  function render(report) {
    const alerts = document.getElementById("vitals-alerts");
    alerts.replaceChildren();
    for (const a of report.alerts) {
      const li = document.createElement("li");
      li.appendChild(badge("Alert", "bad"));
      li.append(" " + (ALERTS[a.rule] || a.rule) + " · " + time(a.raisedAt));
      alerts.appendChild(li);
    }
    document.getElementById("vitals-alerts-empty").hidden = report.alerts.length > 0;

    const tiles = document.getElementById("vitals-trends");
    tiles.replaceChildren();
    for (const t of report.trends) {
      const tile = document.createElement("div");
      tile.className = "tile";
      const name = document.createElement("h3");
      name.textContent = NAMES[t.code] || t.display;
      const latest = document.createElement("p");
      latest.className = "reading";
      latest.textContent = value({ value: t.latest, diastolic: t.latestDiastolic, unit: t.unit });
      const detail = document.createElement("p");
      detail.className = "hint";
      const change = t.change === null || t.change === undefined ? "no earlier reading" : (t.change > 0 ? "+" : "") + t.change + " since previous";
      const mean = (t.latestDiastolic !== null && t.latestDiastolic !== undefined ? "mean systolic " : "mean ") + t.mean;
      detail.textContent = change + " · " + mean + " · " + t.count + (t.count === 1 ? " reading" : " readings")
        + " · " + time(t.latestAt);
      tile.append(name, latest, detail);
      tiles.appendChild(tile);
    }
    document.getElementById("vitals-trends-empty").hidden = report.trends.length > 0;

    fill("vitals-monitor", report.monitor, (row, d) => {
      cell(row, d.day + (d.complete ? "" : " (today)"));
      cell(row, String(d.fullSets));
      const status = row.insertCell();
      status.appendChild(d.belowTarget
        ? badge(d.complete ? "Below target" : "Below target so far", "bad")
        : badge("On target", "good"));
    });
    fill("vitals-hubs", report.hubs, (row, h) => {
      cell(row, h.hubId.substring(0, 8));
      cell(row, h.networkMode.replace("_", " ").toLowerCase());
      cell(row, h.status.toLowerCase());
      const isolation = row.insertCell();
      isolation.appendChild(h.nonCompliant
        ? badge("Non-compliant: " + (REASONS[h.nonCompliantReason] || h.nonCompliantReason), "bad")
        : badge("Isolated", "good"));
      cell(row, h.lastSeenAt ? time(h.lastSeenAt) : "never");
    });
    fill("vitals-quarantine", report.quarantine, (row, r) => {
      cell(row, time(r.effectiveAt));
      cell(row, NAMES[r.code] || r.display);
      cell(row, value(r));
      cell(row, REASONS[r.quarantineReason] || r.quarantineReason);
    });
    document.getElementById("vitals-quarantine-empty").hidden = report.quarantine.length > 0;
    fill("vitals-readings", report.readings, (row, r) => {
      cell(row, time(r.effectiveAt));
      cell(row, NAMES[r.code] || r.display);
      cell(row, value(r));
    });
  }

  async function load(event) {
    if (event) event.preventDefault();
    show("vitals-error", "");
    try {
      const days = document.getElementById("vitals-days").value;
      render(await call("GET", "/api/v1/patients/" + encodeURIComponent(patientId) + "/vitals?days=" + days));
    } catch (e) {
      show("vitals-error", e.message);
    }
  }

  document.getElementById("vitals-range").addEventListener("submit", load);
  load();
})();

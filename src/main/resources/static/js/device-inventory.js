// Device inventory (/security/devices): compliance CSV upload and registration through the API.
"use strict";

(function () {
  const api = window.visitApi;
  const errors = document.getElementById("upload-errors");

  document.getElementById("upload-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    const file = document.getElementById("csv-file").files[0];
    if (!file) {
      return;
    }
    await window.svDevice.ready;
    const token = document.cookie.split("; ").find((c) => c.startsWith("__Host-XSRF-TOKEN="));
    if (!token) {
      await fetch("/api/v1/auth/csrf", { credentials: "same-origin" });
    }
    const csrf = decodeURIComponent(
      (document.cookie.split("; ").find((c) => c.startsWith("__Host-XSRF-TOKEN=")) || "=").split("=")[1]);
    const response = await fetch("/api/v1/device-posture/csv", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "text/csv", Accept: "application/json", "X-XSRF-TOKEN": csrf },
      body: await file.text(),
    });
    const result = await response.json();
    if (!response.ok) {
      api.error(result.detail + (result.unknownColumns && result.unknownColumns.length
        ? " Unknown columns: " + result.unknownColumns.join(", ") + "." : "")
        + (result.missingColumns && result.missingColumns.length
        ? " Missing columns: " + result.missingColumns.join(", ") + "." : ""));
      return;
    }
    api.message(result.accepted + " reports taken, " + result.rejected.length + " rows refused.");
    for (const row of result.rejected) {
      const item = document.createElement("li");
      item.textContent = "Line " + row.line + ": " + row.problem;
      errors.appendChild(item);
    }
  });

  // Posture exceptions: list, record and revoke (POST/GET /api/v1/device-posture/exceptions).
  const exceptions = document.querySelector("#exceptions tbody");

  function scopeText(e) {
    if (e.deviceId) {
      return "device " + e.deviceId;
    }
    const g = e.group || {};
    return "group " + [g.kind, g.ownership, g.osName].filter((v) => v).join(" / ");
  }

  async function loadExceptions() {
    const result = await api.get("/api/v1/device-posture/exceptions?size=200");
    exceptions.replaceChildren();
    for (const e of result.exceptions) {
      const tr = document.createElement("tr");
      tr.dataset.exceptionId = e.id;
      for (const value of [scopeText(e), e.check, e.reason, e.grantedBy, api.time(e.expiresAt), e.state]) {
        const cell = document.createElement("td");
        cell.textContent = value;
        tr.appendChild(cell);
      }
      const action = document.createElement("td");
      if (e.state === "ACTIVE") {
        const revoke = document.createElement("button");
        revoke.type = "button";
        revoke.className = "revoke";
        revoke.textContent = "Revoke";
        revoke.addEventListener("click", async () => {
          try {
            await api.post("/api/v1/device-posture/exceptions/" + e.id + "/revoke");
            api.message("Exception revoked.");
            await loadExceptions();
          } catch (err) {
            api.error(err.message);
          }
        });
        action.appendChild(revoke);
      }
      tr.appendChild(action);
      exceptions.appendChild(tr);
    }
  }

  document.getElementById("exception-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (id) => document.getElementById(id).value.trim();
    const group = { kind: value("x-kind") || null, ownership: value("x-ownership") || null, osName: value("x-os") || null };
    const expires = value("x-expires");
    try {
      await api.post("/api/v1/device-posture/exceptions", {
        deviceId: value("x-device") || null,
        group: group.kind || group.ownership || group.osName ? group : null,
        check: value("x-check"),
        reason: value("x-reason"),
        expiresAt: expires ? new Date(expires).toISOString() : null,
      });
      api.message("Exception recorded.");
      await loadExceptions();
    } catch (e) {
      api.error(e.message);
    }
  });

  loadExceptions().catch((e) => api.error(e.message));

  document.getElementById("register-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = (id) => document.getElementById(id).value.trim();
    try {
      await api.post("/api/v1/devices", {
        ownerId: value("r-owner"),
        name: value("r-name"),
        kind: value("r-kind"),
        ownership: value("r-ownership"),
        osName: value("r-os"),
        osVersion: value("r-os-version"),
        serialNumber: value("r-serial"),
        mdmId: value("r-mdm") || null,
      });
      window.location.reload();
    } catch (e) {
      api.error(e.message);
    }
  });
})();

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

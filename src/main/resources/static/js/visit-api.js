// Shared helpers of the visit pages: JSON calls to the API with the CSRF token of the
// __Host-XSRF-TOKEN cookie (fetched from /api/v1/auth/csrf when missing), and the page messages.
// Text is always set with textContent, never as HTML.
"use strict";

window.visitApi = (function () {
  function csrfToken() {
    const match = document.cookie.split("; ").find((c) => c.startsWith("__Host-XSRF-TOKEN="));
    return match ? decodeURIComponent(match.substring("__Host-XSRF-TOKEN=".length)) : "";
  }

  async function call(method, path, body) {
    const headers = { Accept: "application/json" };
    if (method !== "GET") {
      if (!csrfToken()) {
        await fetch("/api/v1/auth/csrf", { credentials: "same-origin" });
      }
      headers["Content-Type"] = "application/json";
      headers["X-XSRF-TOKEN"] = csrfToken();
    }
    const response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const error = new Error(json.detail || "The request was refused.");
      error.code = json.code;
      error.status = response.status;
      throw error;
    }
    return json;
  }

  function show(id, text) {
    const element = document.getElementById(id);
    element.textContent = text;
    element.hidden = !text;
  }

  // A table row of text cells for the visit with this id.
  function row(visitId, values) {
    const tr = document.createElement("tr");
    tr.dataset.visitId = visitId;
    for (const value of values) {
      const cell = document.createElement("td");
      cell.textContent = value;
      tr.appendChild(cell);
    }
    return tr;
  }

  return {
    row,
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body === undefined ? {} : body),
    error: (text) => show("error", text),
    message: (text) => show("message", text),
    time: (iso) => (iso ? new Date(iso).toLocaleString() : ""),
  };
})();

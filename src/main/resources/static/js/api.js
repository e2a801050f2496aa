// Shared by the workforce pages: JSON calls to the API with the CSRF token of the __Host-XSRF-TOKEN
// cookie (fetched from /api/v1/auth/csrf when missing), problem+json answers turned into errors that
// carry the problem's detail, code and status, and page messages. Text is always set with
// textContent, never as HTML.
"use strict";

window.svApi = (function () {
  const COOKIE = "__Host-XSRF-TOKEN=";

  function csrfToken() {
    const match = document.cookie.split("; ").find((c) => c.startsWith(COOKIE));
    return match ? decodeURIComponent(match.substring(COOKIE.length)) : "";
  }

  async function call(method, path, body) {
    if (window.svDevice) {
      await window.svDevice.ready; // the page's device proof first (device.js)
    }
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
      const checks = Array.isArray(json.failingChecks) ? " Failing checks: " + json.failingChecks.join(", ") + "." : "";
      const error = new Error((json.detail || "The request was refused.") + checks);
      error.code = json.code;
      error.status = response.status;
      error.failingChecks = json.failingChecks;
      error.items = json.items; // per-item errors of a form's answers
      throw error;
    }
    return json;
  }

  function show(id, text) {
    const element = document.getElementById(id);
    element.textContent = text;
    element.hidden = !text;
  }

  return { call, show, csrfToken };
})();

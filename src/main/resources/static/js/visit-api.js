// Shared helpers of the visit pages over /js/api.js (JSON calls with the CSRF token, page messages):
// visit table rows, shortcuts and times. Text is always set with textContent, never as HTML.
"use strict";

window.visitApi = (function () {
  const call = window.svApi.call;
  const show = window.svApi.show;

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

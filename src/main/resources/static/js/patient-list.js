// Staff patient list: searches and creates patients through /api/v1/patients (the API decides and
// audits every access). Errors are shown from the problem+json answer. No inline script; values are
// put in the page as text only, never as HTML.
"use strict";

(function () {
  const call = window.svApi.call;
  const show = window.svApi.show;

  function value(id) {
    return document.getElementById(id).value.trim();
  }

  function render(patients) {
    const body = document.querySelector("#patient-results tbody");
    body.replaceChildren();
    for (const p of patients) {
      const row = document.createElement("tr");
      row.dataset.patientId = p.id;
      for (const field of [p.mrn, p.fullName, p.dateOfBirth, p.phone, p.email]) {
        const cell = document.createElement("td");
        cell.textContent = field || "";
        row.appendChild(cell);
      }
      body.appendChild(row);
    }
    document.getElementById("patient-results-empty").hidden = patients.length > 0;
  }

  async function search(event) {
    event.preventDefault();
    show("patient-error", "");
    show("patient-message", "");
    // Search criteria go in the body: patient data never goes in a URL.
    const criteria = {};
    if (value("search-mrn")) {
      criteria.mrn = value("search-mrn");
    } else {
      if (value("search-name")) criteria.name = value("search-name");
      if (value("search-dob")) criteria.dateOfBirth = value("search-dob");
    }
    try {
      const result = await call("POST", "/api/v1/patients/search", criteria);
      render(result.patients);
    } catch (e) {
      show("patient-error", e.message);
    }
  }

  async function create(event) {
    event.preventDefault();
    show("patient-error", "");
    show("patient-message", "");
    const body = {};
    for (const field of ["mrn", "fullName", "dateOfBirth", "address", "phone", "email", "insuranceId"]) {
      const v = value("new-" + field);
      if (v) body[field] = v;
    }
    try {
      const created = await call("POST", "/api/v1/patients", body);
      render([created]);
      event.target.reset();
      show("patient-message", "The patient was created.");
    } catch (e) {
      show("patient-error", e.message);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("patient-search").addEventListener("submit", search);
    document.getElementById("patient-create").addEventListener("submit", create);
  });
})();

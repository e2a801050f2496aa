// The security console's vendor page: register a vendor, upload a BAA (PDF) and record the yearly
// verification through the JSON API, then reload so the server renders the new state.
"use strict";

(function () {
  const COOKIE = "__Host-XSRF-TOKEN=";

  function csrfToken() {
    const match = document.cookie.split("; ").find((c) => c.startsWith(COOKIE));
    return match ? decodeURIComponent(match.substring(COOKIE.length)) : "";
  }

  function fail(error) {
    window.svApi.show("error", error.message || "The request was refused.");
  }

  function value(id) {
    const v = document.getElementById(id).value.trim();
    return v === "" ? null : v;
  }

  async function uploadBaa(input) {
    const file = input.files[0];
    if (!file) {
      return;
    }
    if (!csrfToken()) {
      await fetch("/api/v1/auth/csrf", { credentials: "same-origin" });
    }
    const response = await fetch("/api/v1/vendors/" + input.dataset.vendor + "/baa", {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/pdf", "X-XSRF-TOKEN": csrfToken(), Accept: "application/json" },
      body: file,
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail || "The document was refused.");
    }
    window.location.reload();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("vendor-create");
    if (form) {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        const categories = Array.from(form.querySelectorAll("input[name=category]:checked")).map((c) => c.value);
        const breach = value("v-breach");
        const body = {
          key: value("v-key"),
          name: value("v-name"),
          services: value("v-services"),
          owner: value("v-owner"),
          phiCategories: categories,
          baa: {
            effective: value("v-effective"),
            expires: value("v-expires"),
            breachNoticeDays: breach === null ? null : Number(breach),
            flowDown: document.getElementById("v-flowdown").checked,
            returnOrDestroy: value("v-return"),
          },
        };
        window.svApi.call("POST", "/api/v1/vendors", body).then(() => window.location.reload(), fail);
      });
    }
    document.querySelectorAll("input.baa-file").forEach((input) => {
      input.addEventListener("change", () => uploadBaa(input).catch(fail));
    });
    document.querySelectorAll("button.verify").forEach((button) => {
      button.addEventListener("click", () => {
        window.svApi
          .call("POST", "/api/v1/vendors/" + button.dataset.vendor + "/verifications")
          .then(() => window.location.reload(), fail);
      });
    });
  });
})();

// The risk register page: add a scenario, record the yearly assessment.
document.addEventListener("DOMContentLoaded", () => {
  const fail = (error) => window.svApi.show("error", error.message || "The request was refused.");
  const number = (id) => {
    const v = document.getElementById(id).value;
    return v === "" ? null : Number(v);
  };
  const text = (id) => {
    const v = document.getElementById(id).value.trim();
    return v === "" ? null : v;
  };
  const form = document.getElementById("scenario-create");
  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const body = {
        threatId: text("s-threat"),
        asset: text("s-asset"),
        title: text("s-title"),
        likelihood: number("s-likelihood"),
        impact: number("s-impact"),
        residualLikelihood: number("s-rlikelihood"),
        residualImpact: number("s-rimpact"),
        treatment: text("s-treatment"),
        owner: text("s-owner"),
        dueOn: text("s-due"),
      };
      window.svApi.call("POST", "/api/v1/risk/scenarios", body).then(() => window.location.reload(), fail);
    });
  }
  const assess = document.getElementById("assess");
  if (assess) {
    assess.addEventListener("click", () => {
      window.svApi.call("POST", "/api/v1/risk/assessments").then(() => window.location.reload(), fail);
    });
  }
});

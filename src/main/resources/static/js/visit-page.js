// Visit page (/visits/{id}): the identity verification step first; the chart summary is requested
// only once the visit's patient is verified (the API refuses it before: identity-not-verified).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const api = window.visitApi;
  const id = document.getElementById("visit").dataset.visitId;
  const next = {
    SCHEDULED: ["WAITING", "NO_SHOW", "CANCELLED"],
    WAITING: ["NO_SHOW", "CANCELLED"],
    IDENTITY_VERIFIED: ["IN_PROGRESS", "CANCELLED"],
    IN_PROGRESS: ["ENDED"],
  };

  function text(elementId, value) {
    document.getElementById(elementId).textContent = value === null || value === undefined ? "" : value;
  }

  async function showChart() {
    const chart = await api.get("/api/v1/visits/" + id + "/chart");
    const p = chart.patient;
    text("c-full-name", p.fullName);
    text("c-mrn", p.mrn);
    text("c-date-of-birth", p.dateOfBirth);
    text("c-address", p.address);
    text("c-phone", p.phone);
    text("c-email", p.email);
    text("c-insurance-id", p.insuranceId);
    text("c-verified-at", api.time(chart.identityVerification.verifiedAt));
    text("c-data-points", chart.identityVerification.dataPoints.join(", "));
    const body = document.querySelector("#history tbody");
    body.replaceChildren();
    for (const h of chart.history) {
      body.appendChild(api.row(h.id, [api.time(h.start), api.time(h.end), h.modality, h.status]));
    }
    document.getElementById("chart").hidden = false;
  }

  // Only the front desk checks a patient in (a clinician verifies, so cannot mark the patient present).
  let frontDesk = null;

  async function load() {
    if (frontDesk === null) {
      const session = await api.get("/api/v1/auth/session");
      frontDesk = session.roles.includes("STAFF") && !session.roles.includes("CLINICIAN");
    }
    const visit = await api.get("/api/v1/visits/" + id);
    text("status", visit.status);
    text("start", api.time(visit.start));
    text("end", api.time(visit.end));
    text("modality", visit.modality);
    document.getElementById("flagged").hidden = !visit.flaggedForReview;
    const allowed = next[visit.status] || [];
    for (const button of document.querySelectorAll("button.transition")) {
      button.hidden = !allowed.includes(button.dataset.to) || (button.dataset.to === "WAITING" && !frontDesk);
    }
    document.getElementById("awaiting-patient").hidden = visit.status !== "SCHEDULED" || frontDesk;
    const verifying = visit.status === "WAITING" && !visit.identityVerified && !visit.flaggedForReview;
    document.getElementById("verification").hidden = !verifying;
    document.getElementById("chart").hidden = true;
    if (visit.identityVerified && visit.status !== "CANCELLED" && visit.status !== "NO_SHOW") {
      try {
        await showChart();
      } catch (e) {
        api.error(e.message);
      }
    }
  }

  for (const button of document.querySelectorAll("button.transition")) {
    button.addEventListener("click", async () => {
      api.error("");
      try {
        await api.post("/api/v1/visits/" + id + "/transitions", { to: button.dataset.to });
        await load();
      } catch (e) {
        api.error(e.message);
      }
    });
  }

  document.getElementById("verification-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    api.error("");
    const value = (elementId) => document.getElementById(elementId).value.trim() || null;
    const dataPoints = {
      fullName: value("v-full-name"),
      dateOfBirth: value("v-date-of-birth"),
      address: value("v-address"),
      phone: value("v-phone"),
      mrn: value("v-mrn"),
      photoIdInspected: document.getElementById("v-photo-id").checked,
    };
    try {
      const result = await api.post("/api/v1/visits/" + id + "/identity-verification", { dataPoints });
      if (result.verified) {
        text("verification-result", "Verified with " + result.matched.join(", ") + ".");
      } else {
        text(
          "verification-result",
          "Not verified: " + (result.mismatched.join(", ") || "too few matches") +
            " did not match. Attempts left: " + result.attemptsLeft + "."
        );
      }
      await load();
    } catch (e) {
      api.error(e.message);
    }
  });

  load().catch((e) => api.error(e.message));
});

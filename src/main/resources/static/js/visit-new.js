// Scheduling form (/staff/visits/new): finds a patient by MRN, schedules the visit, creates a join link.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const api = window.visitApi;
  let visitId = null;

  document.getElementById("find-patient-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    api.error("");
    try {
      const mrn = document.getElementById("find-mrn").value.trim();
      const found = await api.post("/api/v1/patients/search", { mrn });
      if (!found.patients || found.patients.length === 0) {
        api.error("No patient with this MRN.");
        return;
      }
      document.getElementById("patient-id").value = found.patients[0].id;
    } catch (e) {
      api.error(e.message);
    }
  });

  // The clinicians who can be put on a care team, by username; choosing one adds its id below.
  (async () => {
    try {
      const directory = await api.get("/api/v1/clinicians");
      const pick = document.getElementById("clinician-pick");
      for (const clinician of directory.clinicians) {
        const option = document.createElement("option");
        option.value = clinician.id;
        option.textContent = clinician.username;
        pick.appendChild(option);
      }
      pick.addEventListener("change", () => {
        const ids = document.getElementById("clinician-ids");
        const chosen = new Set(ids.value.split(/[\s,]+/).filter((s) => s.length > 0));
        for (const option of pick.selectedOptions) chosen.add(option.value);
        ids.value = [...chosen].join("\n");
      });
    } catch (e) {
      api.error(e.message);
    }
  })();

  document.getElementById("visit-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    api.error("");
    try {
      const start = new Date(document.getElementById("start").value);
      const visit = await api.post("/api/v1/visits", {
        patientId: document.getElementById("patient-id").value.trim(),
        clinicianIds: document
          .getElementById("clinician-ids")
          .value.split(/[\s,]+/)
          .filter((s) => s.length > 0),
        start: start.toISOString(),
        durationMinutes: Number(document.getElementById("duration").value),
        modality: document.getElementById("modality").value,
      });
      visitId = visit.id;
      const link = document.getElementById("visit-link");
      link.href = "/visits/" + visit.id;
      document.getElementById("visit-status").textContent = visit.status;
      document.getElementById("created").hidden = false;
      api.message("The visit was scheduled.");
    } catch (e) {
      api.error(e.message);
    }
  });

  document.getElementById("create-join-link").addEventListener("click", async () => {
    api.error("");
    try {
      const link = await api.post("/api/v1/visits/" + visitId + "/join-links");
      document.getElementById("join-url").textContent = link.url;
      document.getElementById("join-valid-from").textContent = api.time(link.validFrom);
      document.getElementById("join-valid-until").textContent = api.time(link.validUntil);
      document.getElementById("join-link").hidden = false;
    } catch (e) {
      api.error(e.message);
    }
  });
});

// Clinician schedule (/clinician/schedule): the signed-in clinician's visits of the next two weeks.
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const api = window.visitApi;
  try {
    const from = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const result = await api.get("/api/v1/visits?from=" + encodeURIComponent(from));
    const body = document.querySelector("#visits tbody");
    for (const visit of result.visits) {
      const row = api.row(visit.id, [api.time(visit.start), api.time(visit.end), visit.modality, visit.status]);
      const open = document.createElement("td");
      const link = document.createElement("a");
      link.href = "/visits/" + visit.id;
      link.textContent = "Open";
      open.appendChild(link);
      row.appendChild(open);
      body.appendChild(row);
    }
    document.getElementById("no-visits").hidden = result.visits.length > 0;
  } catch (e) {
    api.error(e.message);
  }
});

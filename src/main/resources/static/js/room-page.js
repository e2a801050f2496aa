// The clinician's visit room (/visits/{id}/room): the waiting list with the admit buttons, the
// identity step (the existing two-data-point verification) before admission, the call (room.js) and
// "end visit". The server decides every step; the page shows what the room's messages say.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const api = window.visitApi;
  const id = document.getElementById("room").dataset.visitId;
  let status = "";
  let waiting = [];

  function render() {
    document.getElementById("visit-status").textContent = status;
    const list = document.getElementById("waiting");
    list.replaceChildren();
    for (const p of waiting) {
      const item = document.createElement("li");
      const label = document.createElement("span");
      label.textContent = "Patient, waiting since " + new Date(p.since).toLocaleTimeString();
      const admit = document.createElement("button");
      admit.type = "button";
      admit.className = "admit";
      admit.dataset.participantId = p.participantId;
      admit.textContent = "Admit the patient";
      admit.disabled = status !== "IDENTITY_VERIFIED" && status !== "IN_PROGRESS";
      admit.title = admit.disabled ? "Verify the patient's identity first" : "";
      admit.addEventListener("click", () => room.admit(p.participantId));
      item.append(label, " ", admit);
      list.appendChild(item);
    }
    document.getElementById("nobody-waiting").hidden = waiting.length > 0;
    document.getElementById("identity-step").hidden = !(status === "WAITING" && waiting.length > 0);
    document.getElementById("waiting-room").hidden = status === "IN_PROGRESS" && waiting.length === 0;
  }

  document.getElementById("call").hidden = false;
  const room = window.svRoom.create({
    visitId: id,
    on: {
      waiting: (participants) => {
        waiting = participants;
        render();
      },
      status: (s) => {
        status = s;
        render();
      },
    },
  });

  // The workforce session's own idle timer only moves on HTTP requests (the room's activity frames do
  // not reach it): while the clinician is active, touch it at most every 4 minutes.
  let touched = Date.now();
  for (const kind of ["keydown", "pointerdown"]) {
    document.addEventListener(kind, () => {
      if (Date.now() - touched > 4 * 60 * 1000) {
        touched = Date.now();
        api.get("/api/v1/auth/session").catch(() => {});
      }
    });
  }

  document.getElementById("end-visit").addEventListener("click", () => {
    if (window.confirm("End the visit for everyone?")) {
      room.endVisit();
    }
  });

  document.getElementById("identity-form").addEventListener("submit", async (event) => {
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
    const outcome = document.getElementById("identity-result");
    try {
      const result = await api.post("/api/v1/visits/" + id + "/identity-verification", { dataPoints });
      outcome.textContent = result.verified
        ? "Verified with " + result.matched.join(", ") + ". You can admit the patient."
        : "Not verified: " + (result.mismatched.join(", ") || "too few matches") +
          " did not match. Attempts left: " + result.attemptsLeft + ".";
      if (result.verified) {
        status = "IDENTITY_VERIFIED"; // the room confirms with a visit-status message
        render();
      }
    } catch (e) {
      api.error(e.message);
    }
  });
});

// Patient join page (/join#<token>): the token stays in the URL fragment (never sent to the server
// as part of a URL); the patient confirms the date of birth and the page posts both to /api/v1/join.
// A successful join also sets the room cookie; the page then waits in the visit room and shows the
// call when the clinician admits the patient (room.js). The visit id is kept in sessionStorage so a
// reload of this tab rejoins the room with the cookie while the visit lasts.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const api = window.visitApi;
  const STORED = "securevisit.room";
  const token = window.location.hash.length > 1 ? window.location.hash.substring(1) : "";

  function enterRoom(visitId) {
    sessionStorage.setItem(STORED, visitId);
    document.getElementById("join-form").hidden = true;
    document.getElementById("call").hidden = false;
    window.svPatientRecords.start(visitId); // forms and consents (patient-records.js)
    window.svRoom.create({
      visitId,
      on: {
        state: (state) => {
          document.getElementById("joined").hidden = state !== "waiting";
        },
        refused: () => sessionStorage.removeItem(STORED),
        status: (status) => {
          if (status === "ENDED") {
            sessionStorage.removeItem(STORED);
          }
        },
      },
    });
  }

  if (token) {
    history.replaceState(null, "", window.location.pathname);
  } else if (sessionStorage.getItem(STORED)) {
    enterRoom(sessionStorage.getItem(STORED));
    return;
  } else {
    api.error("This page needs the link you received from the practice.");
    document.getElementById("join-button").disabled = true;
  }

  document.getElementById("join-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    api.error("");
    try {
      const joined = await api.post("/api/v1/join", {
        token,
        dateOfBirth: document.getElementById("join-dob").value,
      });
      document.getElementById("joined-start").textContent = api.time(joined.start);
      document.getElementById("joined").hidden = false;
      document.getElementById("join-form").hidden = true;
      if (joined.visitId) {
        enterRoom(joined.visitId);
      }
    } catch (e) {
      api.error(e.status === 429 ? "Too many attempts. Wait a minute and try again." : e.message);
    }
  });
});

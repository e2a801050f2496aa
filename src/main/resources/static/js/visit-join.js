// Patient join page (/join#<token>): the token stays in the URL fragment (never sent to the server
// as part of a URL); the patient confirms the date of birth and the page posts both to /api/v1/join.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const api = window.visitApi;
  const token = window.location.hash.length > 1 ? window.location.hash.substring(1) : "";
  if (token) {
    history.replaceState(null, "", window.location.pathname);
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
    } catch (e) {
      api.error(e.status === 429 ? "Too many attempts. Wait a minute and try again." : e.message);
    }
  });
});

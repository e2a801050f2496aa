// The workforce pages: attest a course and acknowledge a policy (my training and policies), publish a
// policy and start an access review (the security officer's console), through the JSON API, then
// reload so the server renders the new state.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const fail = (error) => window.svApi.show("error", error.message || "The request was refused.");
  const reload = () => window.location.reload();
  document.querySelectorAll("form.attest").forEach((form) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      window.svApi
        .call("POST", "/api/v1/workforce/training/statements", {
          accountId: form.dataset.account,
          courseId: form.dataset.course,
          courseVersion: Number(form.dataset.version),
          attestation: "I read this course and will follow it.",
        })
        .then(reload, fail);
    });
  });
  document.querySelectorAll("button.acknowledge").forEach((button) => {
    button.addEventListener("click", () => {
      window.svApi
        .call("POST", "/api/v1/workforce/policies/" + button.dataset.policy + "/acknowledgement")
        .then(reload, fail);
    });
  });
  const publish = document.getElementById("policy-publish");
  if (publish) {
    publish.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = (id) => document.getElementById(id).value.trim();
      window.svApi
        .call("POST", "/api/v1/workforce/policies", {
          key: value("p-key"),
          title: value("p-title"),
          content: value("p-content"),
        })
        .then(reload, fail);
    });
  }
  const start = document.getElementById("review-start");
  if (start) {
    start.addEventListener("click", () => {
      window.svApi.call("POST", "/api/v1/workforce/access-reviews").then(reload, fail);
    });
  }
});

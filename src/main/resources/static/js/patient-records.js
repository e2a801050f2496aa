// The patient's forms and consents on the join page (room continuation of /join), authorised by the
// room credential cookie: GET/POST /api/v1/visits/{id}/room/forms and POST .../room/consents.
// Questionnaire items are rendered by type (text, string, boolean, choice); the server's per-item
// errors (400 form-answers-invalid, items [{linkId, code}]) are shown next to their fields. A recording
// consent can be withdrawn here; the clinician's recorder polls the consents and stops at once.
// Text is always set with textContent, never as HTML.
"use strict";

window.svPatientRecords = (function () {
  const api = window.visitApi;
  const MESSAGES = {
    required: "Please answer this question.",
    "too-long": "This answer is too long.",
    "wrong-type": "This answer is not of the expected kind.",
    "not-a-choice": "Please pick one of the choices.",
    "unknown-item": "This question is not part of the form.",
    "repeated-item": "This question was answered twice.",
    "one-answer-only": "Please give one answer only.",
  };

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function field(item) {
    const label = el("label", { class: "form-item" });
    label.appendChild(el("span", {}, item.text + (item.required ? " *" : "")));
    let input;
    if (item.type === "boolean") {
      input = el("input", { type: "checkbox" });
    } else if (item.type === "choice") {
      input = el("select");
      input.appendChild(el("option", { value: "" }, ""));
      (item.answerOption || []).forEach((o) => {
        if (o.valueCoding) {
          input.appendChild(el("option", { value: o.valueCoding.code }, o.valueCoding.display || o.valueCoding.code));
        }
      });
    } else if (item.type === "text") {
      input = el("textarea", { rows: "3" });
    } else {
      input = el("input", { type: "text" });
    }
    if (item.maxLength) {
      input.setAttribute("maxlength", String(item.maxLength));
    }
    input.dataset.linkId = item.linkId;
    input.dataset.type = item.type;
    label.appendChild(input);
    const error = el("span", { class: "item-error", role: "alert", "data-error-for": item.linkId });
    label.appendChild(error);
    return label;
  }

  function answers(form) {
    const items = [];
    form.querySelectorAll("[data-link-id]").forEach((input) => {
      const linkId = input.dataset.linkId;
      let answer = null;
      if (input.dataset.type === "boolean") {
        answer = { valueBoolean: input.checked };
      } else if (input.dataset.type === "choice") {
        answer = input.value ? { valueCoding: { code: input.value } } : null;
      } else if (input.value.trim()) {
        answer = { valueString: input.value };
      }
      if (answer) {
        items.push({ linkId, answer: [answer] });
      }
    });
    return { resourceType: "QuestionnaireResponse", status: "completed", item: items };
  }

  function renderForm(visitId, assigned, container) {
    const questionnaire = JSON.parse(assigned.questionnaire);
    const form = el("form", { class: "patient-form", "data-form-url": assigned.url });
    form.appendChild(el("h3", {}, questionnaire.title || "Form"));
    (questionnaire.item || []).forEach((item) => form.appendChild(field(item)));
    const status = el("p", { class: "hint", role: "status" }, assigned.answered ? "Answered. You can change your answers." : "");
    form.appendChild(el("button", { type: "submit" }, "Send answers"));
    form.appendChild(status);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      form.querySelectorAll(".item-error").forEach((e) => (e.textContent = ""));
      status.textContent = "";
      try {
        await api.post(`/api/v1/visits/${visitId}/room/forms`, { url: assigned.url, response: answers(form) });
        status.textContent = "Thank you, your answers were sent.";
      } catch (e) {
        (e.items || []).forEach((i) => {
          const error = form.querySelector(`[data-error-for="${CSS.escape(i.linkId)}"]`);
          if (error) {
            error.textContent = MESSAGES[i.code] || "Please check this answer.";
          }
        });
        status.textContent = e.message;
      }
    });
    container.appendChild(form);
  }

  function renderConsent(visitId, view, container) {
    container.replaceChildren();
    const kinds = [
      ["TELEHEALTH", "Care by video (telehealth)", view.telehealth],
      ["RECORDING", "Recording of this visit", view.recording],
    ];
    for (const [kind, title, current] of kinds) {
      const row = el("div", { class: "consent-row", "data-kind": kind });
      row.appendChild(el("strong", {}, title + ": "));
      row.appendChild(el("span", { class: "consent-state" }, current ? current.toLowerCase() : "not answered"));
      const answers = current === "GIVEN" ? ["WITHDRAWN"] : ["GIVEN", "REFUSED"];
      for (const answer of answers) {
        const label = { GIVEN: "I agree", REFUSED: "I do not agree", WITHDRAWN: "Withdraw my consent" }[answer];
        const button = el("button", { type: "button", "data-answer": answer }, label);
        button.addEventListener("click", async () => {
          try {
            await api.post(`/api/v1/visits/${visitId}/room/consents`, { kind, answer });
            refresh(visitId);
          } catch (e) {
            api.error(e.message);
          }
        });
        row.appendChild(button);
      }
      container.appendChild(row);
    }
  }

  async function refresh(visitId) {
    const section = document.getElementById("patient-records");
    if (!section) {
      return;
    }
    try {
      const view = await api.get(`/api/v1/visits/${visitId}/room/forms`);
      section.hidden = false;
      renderConsent(visitId, view, document.getElementById("patient-consents"));
      const forms = document.getElementById("patient-forms");
      if (!forms.dataset.rendered) {
        forms.dataset.rendered = "true";
        view.forms.forEach((f) => renderForm(visitId, f, forms));
      }
    } catch (e) {
      section.hidden = true;
    }
  }

  return { start: refresh };
})();

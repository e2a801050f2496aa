// WebAuthn for the SecureVisit pages: registers security keys and passkeys, and asserts them for the
// second factor or passwordless sign-in. Talks to /api/v1/auth/webauthn/* with the CSRF token from
// the __Host-XSRF-TOKEN cookie. No inline script: the pages carry only data-* attributes.
"use strict";

(function () {
  function csrfToken() {
    const match = document.cookie.split("; ").find((c) => c.startsWith("__Host-XSRF-TOKEN="));
    return match ? decodeURIComponent(match.substring("__Host-XSRF-TOKEN=".length)) : "";
  }

  async function post(path, body) {
    if (!csrfToken()) {
      await fetch("/api/v1/auth/csrf", { credentials: "same-origin" });
    }
    const response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-XSRF-TOKEN": csrfToken() },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) {
      throw new Error(json.detail || "The request was refused.");
    }
    return json;
  }

  function showError(message) {
    const element = document.getElementById("webauthn-error");
    if (element) {
      element.textContent = message;
      element.hidden = false;
    }
  }

  async function register(button) {
    const options = await post("/api/v1/auth/webauthn/registration/options", {});
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options);
    const credential = (await navigator.credentials.create({ publicKey })).toJSON();
    const label = document.getElementById("webauthn-label");
    const result = await post("/api/v1/auth/webauthn/registration", {
      label: label ? label.value : "Security key",
      credential: {
        id: credential.id,
        rawId: credential.rawId,
        type: credential.type,
        authenticatorAttachment: credential.authenticatorAttachment,
        clientExtensionResults: credential.clientExtensionResults || {},
        response: {
          clientDataJSON: credential.response.clientDataJSON,
          attestationObject: credential.response.attestationObject,
          transports: credential.response.transports || [],
        },
      },
    });
    if (result.recoveryCodes && result.recoveryCodes.length > 0) {
      sessionStorage.setItem("securevisit.recoveryCodes", JSON.stringify(result.recoveryCodes));
    }
    window.location.assign(button.dataset.next);
  }

  async function authenticate(button) {
    const options = await post("/api/v1/auth/webauthn/authentication/options", {});
    const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options);
    const assertion = (await navigator.credentials.get({ publicKey })).toJSON();
    await post("/api/v1/auth/webauthn/authentication", {
      id: assertion.id,
      rawId: assertion.rawId,
      type: assertion.type,
      authenticatorAttachment: assertion.authenticatorAttachment,
      clientExtensionResults: assertion.clientExtensionResults || {},
      response: {
        clientDataJSON: assertion.response.clientDataJSON,
        authenticatorData: assertion.response.authenticatorData,
        signature: assertion.response.signature,
        userHandle: assertion.response.userHandle,
      },
    });
    window.location.assign(button.dataset.next);
  }

  function bind(id, action) {
    const button = document.getElementById(id);
    if (button) {
      button.addEventListener("click", () => {
        button.disabled = true;
        action(button)
          .catch((e) => showError(e.message || String(e)))
          .finally(() => { button.disabled = false; });
      });
    }
  }

  function showStoredRecoveryCodes() {
    const list = document.getElementById("recovery-codes-js");
    const stored = sessionStorage.getItem("securevisit.recoveryCodes");
    if (list && stored) {
      sessionStorage.removeItem("securevisit.recoveryCodes");
      for (const code of JSON.parse(stored)) {
        const item = document.createElement("li");
        item.textContent = code;
        list.appendChild(item);
      }
      list.hidden = false;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    bind("webauthn-register", register);
    bind("webauthn-verify", authenticate);
    bind("passkey-login", authenticate);
    showStoredRecoveryCodes();
  });
})();

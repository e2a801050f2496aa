// Device binding (docs/devices.md). The browser's device key is a non-extractable WebCrypto ECDSA
// P-256 key kept in IndexedDB: the page can sign with it, nobody can read it out. Only its public
// JWK goes to the server. On every workforce page the script makes sure the session's device proof
// is fresh: it asks for a single-use challenge, signs it (a compact ES256 JWS whose kid is the key's
// RFC 7638 thumbprint) and sends the proof; then again before the proof expires. Other scripts wait
// for window.svDevice.ready before they call the API, so a page's first PHI request carries a proof.
"use strict";

window.svDevice = (function () {
  const DB = "securevisit-device";
  const STORE = "keys";
  const CSRF = "__Host-XSRF-TOKEN=";
  let timer = null;

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function stored(value) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, value === undefined ? "readonly" : "readwrite");
      const request = value === undefined ? tx.objectStore(STORE).get("current") : tx.objectStore(STORE).put(value, "current");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function b64url(bytes) {
    let text = "";
    for (const b of new Uint8Array(bytes)) {
      text += String.fromCharCode(b);
    }
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function utf8(text) {
    return new TextEncoder().encode(text);
  }

  function csrfToken() {
    const match = document.cookie.split("; ").find((c) => c.startsWith(CSRF));
    return match ? decodeURIComponent(match.substring(CSRF.length)) : "";
  }

  async function post(path, body) {
    if (!csrfToken()) {
      await fetch("/api/v1/auth/csrf", { credentials: "same-origin" });
    }
    const response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-XSRF-TOKEN": csrfToken() },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const error = new Error(json.detail || "The request was refused.");
      error.code = json.code;
      throw error;
    }
    return json;
  }

  function schedule(seconds) {
    clearTimeout(timer);
    timer = setTimeout(() => prove().catch(() => {}), Math.max(30, seconds || 120) * 1000);
  }

  // Signs a fresh challenge with this browser's key; false when the browser holds no key.
  async function prove() {
    const key = await stored();
    if (!key) {
      return false;
    }
    const challenge = await post("/api/v1/devices/challenge", {});
    const header = b64url(utf8(JSON.stringify({ alg: "ES256", kid: key.thumbprint })));
    const payload = b64url(utf8(JSON.stringify({ challenge: challenge.challenge, deviceId: key.deviceId })));
    const signature = await crypto.subtle.sign(
      { name: "ECDSA", hash: "SHA-256" }, key.privateKey, utf8(header + "." + payload));
    const answer = await post("/api/v1/devices/proof", { proof: header + "." + payload + "." + b64url(signature) });
    schedule(answer.refreshAfterSeconds);
    return true;
  }

  // Creates this browser's key, binds its public half to the inventory device, and proves it.
  async function bind(deviceId) {
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
    const jwk = await crypto.subtle.exportKey("jwk", pair.publicKey);
    const bound = await post("/api/v1/devices/" + deviceId + "/binding", {
      publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
    });
    await stored({ deviceId, thumbprint: bound.thumbprint, privateKey: pair.privateKey });
    await prove();
    return bound;
  }

  const ready = (async function () {
    try {
      const response = await fetch("/api/v1/devices/session", {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        return;
      }
      const session = await response.json();
      if (session.deviceId) {
        schedule(session.refreshAfterSeconds);
      } else {
        await prove();
      }
    } catch (e) {
      // No key, no session or no IndexedDB: the API answers device-not-compliant where it matters.
    }
  })();

  return { ready, bind, prove, key: () => stored() };
})();

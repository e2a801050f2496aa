// Workstation rule inside the product: after the idle time without keyboard, pointer or touch input
// the page locks itself. PHI is blurred behind a lock screen and the user must sign in again (the
// server's own session idle limit, at most 15 minutes, ends the session anyway). The idle time is
// the content of <meta name="sv-idle-lock-seconds"> or 10 minutes.
"use strict";

window.svIdleLock = (function () {
  const meta = document.querySelector('meta[name="sv-idle-lock-seconds"]');
  const seconds = meta ? Math.max(30, parseInt(meta.content, 10) || 600) : 600;
  let last = Date.now();
  let locked = false;

  function lockNow() {
    if (locked) {
      return;
    }
    locked = true;
    document.body.classList.add("sv-locked");
    const overlay = document.createElement("div");
    overlay.className = "lock-overlay";
    overlay.id = "idle-lock";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-labelledby", "idle-lock-title");
    const box = document.createElement("div");
    box.className = "card";
    const title = document.createElement("h2");
    title.id = "idle-lock-title";
    title.textContent = "Locked after inactivity";
    const text = document.createElement("p");
    text.textContent = "Patient information is hidden. Sign in again to continue.";
    const link = document.createElement("a");
    link.href = "/login";
    link.className = "button";
    link.id = "idle-lock-sign-in";
    link.textContent = "Sign in again";
    box.append(title, text, link);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
    for (const element of document.querySelectorAll("main, header")) {
      element.setAttribute("aria-hidden", "true");
      element.inert = true;
    }
    link.focus();
  }

  for (const type of ["keydown", "pointerdown", "pointermove", "touchstart", "wheel"]) {
    document.addEventListener(type, () => { if (!locked) { last = Date.now(); } }, { passive: true });
  }
  setInterval(() => { if (Date.now() - last >= seconds * 1000) { lockNow(); } }, 5000);

  return { lockNow, seconds };
})();

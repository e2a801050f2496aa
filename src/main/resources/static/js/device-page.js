// "This device" (/account/device): the caller's devices, their posture and what to fix, binding this
// browser to one of them (device.js), and reporting a device lost. Text is set with textContent only.
"use strict";

(function () {
  const api = window.visitApi;
  const FIX = {
    "device-not-bound": "Bind this browser to your device below (it creates a key that never leaves this browser).",
    "no-posture-report": "Your device has not reported to device management yet: open the MDM app and sync.",
    "report-stale": "The last device report is older than 24 hours: open the MDM app and sync.",
    "disk-encryption": "Turn on full-disk encryption (FileVault, BitLocker or the phone's encryption).",
    "screen-lock": "Set the screen to lock after 15 minutes or less of inactivity.",
    "antivirus": "Turn antivirus on and update its signatures.",
    "os-version": "Update the operating system to the required version.",
    "mdm-remote-wipe": "Enrol this organisation device in device management with remote wipe.",
    "byod-unmanaged": "Enrol your device in device management to open more than visits.",
    "device-revoked": "This device was reported lost; ask a security officer for a new entry.",
    "action-not-in-device-tier": "This device's tier does not allow this action.",
  };

  function element(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined) {
      e.textContent = text;
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  function card(d) {
    const box = element("section", undefined, "device-card");
    box.dataset.deviceId = d.device.id;
    box.appendChild(element("h3", d.device.name + " (" + d.device.kind + ", " + d.device.ownership + ")"));
    box.appendChild(element("p", "Binding: " + d.device.bindingState + (d.thisBrowser ? " — this browser" : "")));
    const ok = d.posture === "COMPLIANT";
    box.appendChild(element("p", ok ? "Meets the device policy" : "Posture: " + d.posture, ok ? "posture-ok" : "posture-bad"));
    if (d.failingChecks.length) {
      const list = element("ul", undefined, "checks");
      for (const check of d.failingChecks) {
        const item = element("li", check + ": " + (FIX[check] || "Ask a security officer."));
        item.dataset.check = check;
        list.appendChild(item);
      }
      box.appendChild(list);
    }
    if (d.device.bindingState === "UNBOUND") {
      const bind = element("button", "Bind this browser");
      bind.className = "bind";
      bind.addEventListener("click", async () => {
        try {
          await window.svDevice.bind(d.device.id);
          api.message("This browser is now bound to " + d.device.name + ".");
          await load();
        } catch (e) {
          api.error(e.message);
        }
      });
      box.appendChild(bind);
    }
    if (d.device.bindingState !== "REVOKED") {
      const lost = element("button", "Report lost or stolen");
      lost.className = "lost";
      lost.addEventListener("click", async () => {
        if (!window.confirm("Report " + d.device.name + " lost? Its sessions end and it is wiped.")) {
          return;
        }
        try {
          const request = await api.post("/api/v1/devices/" + d.device.id + "/lost");
          api.message("Reported. Wipe request: " + request.action + " " + request.status + ".");
          await load();
        } catch (e) {
          api.error(e.message);
        }
      });
      box.appendChild(lost);
    }
    return box;
  }

  async function load() {
    const session = await api.get("/api/v1/devices/session");
    const state = document.getElementById("browser-state");
    state.textContent = session.deviceId
      ? "This browser is bound and proved. Posture: " + session.posture + "."
      : "This browser is not bound to any of your devices.";
    state.className = session.deviceId && session.posture === "COMPLIANT" ? "posture-ok" : "posture-bad";
    const devices = await api.get("/api/v1/devices/mine");
    const list = document.getElementById("devices");
    list.replaceChildren(...devices.map(card));
    document.getElementById("no-devices").hidden = devices.length > 0;
  }

  load().catch((e) => api.error(e.message));
})();

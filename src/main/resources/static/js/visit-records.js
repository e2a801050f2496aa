// The visit page's records panel: consent as the patient gives it in the call, a recording of the
// clinician's own camera and microphone (the visit room hands its call stream to the same recorder),
// screenshots, and the list of the visit's recordings and screenshots with links to play them. While
// recording, the page polls the visit's consents every 2 seconds and stops at once when recording
// consent is no longer given; the server refuses further chunks in any case.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const api = window.svApi;
  const main = document.getElementById("visit");
  const id = main.dataset.visitId;
  const section = document.getElementById("records");
  const preview = document.getElementById("rec-preview");
  const startButton = document.getElementById("rec-start");
  const stopButton = document.getElementById("rec-stop");
  const statusLine = document.getElementById("rec-status");
  let stream = null;
  let recording = null;
  let poll = null;

  function status(text, on) {
    statusLine.textContent = text;
    statusLine.classList.toggle("recording-on", !!on);
  }

  function failed(e) {
    api.show("error", e.message || "The request failed.");
  }

  async function camera() {
    if (!stream) {
      stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      preview.srcObject = stream;
      await preview.play();
    }
    return stream;
  }

  async function consents() {
    const c = await api.call("GET", "/api/v1/visits/" + id + "/consents");
    document.getElementById("consent-telehealth").textContent = c.telehealth || "not recorded";
    document.getElementById("consent-recording").textContent = c.recording || "not recorded";
    return c;
  }

  function kib(bytes) {
    return bytes < 1024 * 1024 ? Math.ceil(bytes / 1024) + " KiB" : (bytes / 1048576).toFixed(1) + " MiB";
  }

  async function artifacts() {
    const list = await api.call("GET", "/api/v1/visits/" + id + "/artifacts");
    const body = document.querySelector("#artifacts tbody");
    body.replaceChildren();
    for (const a of list.artifacts) {
      const tr = document.createElement("tr");
      tr.dataset.id = a.id;
      for (const value of [a.kind, a.state, kib(a.size), new Date(a.createdAt).toLocaleString()]) {
        const td = document.createElement("td");
        td.textContent = value;
        tr.appendChild(td);
      }
      const td = document.createElement("td");
      if (a.state === "COMPLETE") {
        const link = document.createElement("a");
        link.href = "/visits/" + id + "/artifacts/" + a.id;
        link.textContent = a.kind === "RECORDING" ? "Play" : "Open";
        link.className = "open-artifact";
        td.appendChild(link);
      }
      tr.appendChild(td);
      body.appendChild(tr);
    }
  }

  function stopPolling() {
    if (poll) {
      clearInterval(poll);
      poll = null;
    }
  }

  async function withdrawn() {
    stopPolling();
    const r = recording;
    recording = null;
    if (r) {
      await r.discard();
    }
    startButton.hidden = false;
    stopButton.hidden = true;
    status("Recording stopped: the patient withdrew recording consent. Nothing of it was kept.");
  }

  startButton.addEventListener("click", async () => {
    api.show("error", "");
    try {
      const c = await consents();
      if (!c.recordingAllowed) {
        status("Recording needs the patient's recording consent first.");
        return;
      }
      recording = window.svRecorder.record(await camera(), 1000);
      startButton.hidden = true;
      stopButton.hidden = false;
      status("Recording…", true);
      poll = setInterval(async () => {
        try {
          if (!(await consents()).recordingAllowed && recording) {
            await withdrawn();
          }
        } catch (e) {
          failed(e);
        }
      }, 2000);
    } catch (e) {
      failed(e);
    }
  });

  stopButton.addEventListener("click", async () => {
    stopPolling();
    const r = recording;
    recording = null;
    stopButton.hidden = true;
    startButton.hidden = false;
    if (!r) {
      return;
    }
    try {
      const blob = await r.stop();
      status("Uploading…");
      const done = await window.svRecorder.upload(id, blob, (sent, total) =>
        status("Uploading… " + Math.floor((100 * sent) / total) + " %")
      );
      status("Recording stored (" + kib(done.size) + ").");
    } catch (e) {
      status(e.code === "recording-consent-required" ? "Recording stopped: no recording consent." : "");
      failed(e);
    }
    await artifacts();
  });

  document.getElementById("rec-screenshot").addEventListener("click", async () => {
    api.show("error", "");
    try {
      await camera();
      const canvas = document.createElement("canvas");
      canvas.width = preview.videoWidth || 640;
      canvas.height = preview.videoHeight || 480;
      canvas.getContext("2d").drawImage(preview, 0, 0, canvas.width, canvas.height);
      const png = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
      await window.svRecorder.screenshot(id, png);
      status("Screenshot stored.");
      await artifacts();
    } catch (e) {
      failed(e);
    }
  });

  for (const button of document.querySelectorAll("button.consent")) {
    button.addEventListener("click", async () => {
      api.show("error", "");
      try {
        await api.call("POST", "/api/v1/visits/" + id + "/consents", {
          kind: button.dataset.kind,
          answer: button.dataset.answer,
        });
        const c = await consents();
        if (!c.recordingAllowed && recording) {
          await withdrawn();
        }
      } catch (e) {
        failed(e);
      }
    });
  }

  // The panel shows once the patient's identity is verified (the API refuses records before).
  (async () => {
    try {
      const visit = await api.call("GET", "/api/v1/visits/" + id);
      if (!visit.identityVerified) {
        return;
      }
      section.hidden = false;
      await consents();
      await artifacts();
    } catch (e) {
      // not on the care team or outside the window: the panel stays hidden
    }
  })();
});

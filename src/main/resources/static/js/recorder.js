// A reusable recorder for any MediaStream (the clinician's camera today, the visit room's call stream
// later): MediaRecorder collects the media in the browser; on stop the recording is uploaded in
// numbered chunks, each with its SHA-256 (RFC 9530 Content-Digest, computed with WebCrypto), after the
// whole recording's size, type and SHA-256 were declared. A failed chunk is retried: the recorder asks
// the server which chunk it expects next and resumes there, so nothing is sent twice. Nothing of the
// media is kept by the page once uploaded.
"use strict";

window.svRecorder = (function () {
  const CHUNK_BYTES = 512 * 1024;
  const RETRIES = 6;

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function base64(buffer) {
    let s = "";
    for (const b of new Uint8Array(buffer)) {
      s += String.fromCharCode(b);
    }
    return btoa(s);
  }

  async function digest(blob) {
    return crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  }

  function pickType() {
    for (const t of ["video/webm;codecs=vp8,opus", "video/webm", "audio/webm;codecs=opus", "video/mp4"]) {
      if (window.MediaRecorder && MediaRecorder.isTypeSupported(t)) {
        return t;
      }
    }
    return "";
  }

  // Records `stream`; stop() resolves with the recording as one Blob (or null when discarded).
  function record(stream, timesliceMs) {
    const parts = [];
    const type = pickType();
    const recorder = new MediaRecorder(stream, type ? { mimeType: type } : {});
    let discarded = false;
    const stopped = new Promise((resolve) => {
      recorder.onstop = () => {
        resolve(discarded ? null : new Blob(parts, { type: recorder.mimeType || type }));
        parts.length = 0;
      };
    });
    recorder.ondataavailable = (e) => {
      if (e.data && e.data.size > 0 && !discarded) {
        parts.push(e.data);
      }
    };
    recorder.start(timesliceMs || 1000);
    return {
      get state() {
        return recorder.state;
      },
      stop() {
        if (recorder.state !== "inactive") {
          recorder.stop();
        }
        return stopped;
      },
      // Stops at once and drops what was captured (consent withdrawn).
      discard() {
        discarded = true;
        parts.length = 0;
        if (recorder.state !== "inactive") {
          recorder.stop();
        }
        return stopped;
      },
    };
  }

  function problem(response, json) {
    const error = new Error((json && json.detail) || "The upload was refused.");
    error.code = json && json.code;
    error.status = response.status;
    return error;
  }

  async function send(method, path, body, headers) {
    if (!window.svApi.csrfToken()) {
      await fetch("/api/v1/auth/csrf", { credentials: "same-origin" });
    }
    const response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: Object.assign({ Accept: "application/json", "X-XSRF-TOKEN": window.svApi.csrfToken() }, headers),
      body,
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) {
      throw problem(response, json);
    }
    return json;
  }

  function wait(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  // Sends the chunks the server does not have yet, then completes the upload.
  async function resume(id, blob, onProgress, chunkBytes) {
    let info = await send("GET", "/api/v1/artifacts/" + id);
    let failures = 0;
    while (info.storedSize < blob.size) {
      const n = info.nextChunk;
      const part = blob.slice(info.storedSize, Math.min(blob.size, info.storedSize + chunkBytes));
      try {
        info = await send("PUT", "/api/v1/recordings/" + id + "/chunks/" + n, part, {
          "Content-Type": "application/octet-stream",
          "Content-Digest": "sha-256=:" + base64(await digest(part)) + ":",
        });
        failures = 0;
        if (onProgress) {
          onProgress(info.storedSize, blob.size);
        }
      } catch (e) {
        // Refusals that a retry cannot fix (consent withdrawn, visit ended, bad content) end the upload.
        if (e.status && e.status < 500 && e.code !== "chunk-duplicate" && e.code !== "chunk-out-of-order") {
          throw e;
        }
        failures++;
        if (failures > RETRIES) {
          throw e;
        }
        await wait(Math.min(8000, 250 * 2 ** failures));
        info = await send("GET", "/api/v1/artifacts/" + id);
      }
    }
    return send("POST", "/api/v1/recordings/" + id + "/complete", "{}", { "Content-Type": "application/json" });
  }

  // Declares and uploads a recording of the visit; resolves with the completed artifact.
  async function upload(visitId, blob, onProgress, chunkBytes) {
    const whole = hex(await digest(blob));
    const started = await send(
      "POST",
      "/api/v1/visits/" + visitId + "/recordings",
      JSON.stringify({ contentType: blob.type || "video/webm", size: blob.size, sha256: whole }),
      { "Content-Type": "application/json" }
    );
    return resume(started.id, blob, onProgress, chunkBytes || CHUNK_BYTES);
  }

  // Stores a PNG (a Blob from canvas.toBlob) as a screenshot of the visit.
  async function screenshot(visitId, png) {
    return send("POST", "/api/v1/visits/" + visitId + "/screenshots", png, {
      "Content-Type": "image/png",
      "Content-Digest": "sha-256=:" + base64(await digest(png)) + ":",
    });
  }

  return { record, upload, resume, screenshot };
})();

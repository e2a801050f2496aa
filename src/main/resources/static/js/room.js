// The visit room in the browser (docs/room.md, "Pages"), shared by the clinician's page
// (/visits/{id}/room) and the patient's join page: signaling over the room WebSocket, one
// RTCPeerConnection through the TURN relay the ice-servers endpoint names, media controls, chat,
// the safety code and the connection quality. The clinician makes the offers (on admission, on a
// peer's return and for ICE restarts); the patient answers. Text is set with textContent only.
"use strict";

window.svRoom = (function () {
  // Close codes after which the page stops for good (the server said why); others reconnect.
  const FINAL_CLOSES = {
    4401: "Your access to this visit has expired. Open the visit again to continue.",
    4403: "Your access to this visit was withdrawn.",
    4408: "You left the visit because you were inactive.",
    4409: "This visit was opened in another window; this one has stopped.",
    4410: "The visit has ended.",
  };
  const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];

  function create(options) {
    const visitId = options.visitId;
    const base = "/api/v1/visits/" + visitId + "/room";
    const el = (id) => document.getElementById(id);
    const listeners = options.on || {};
    const room = {
      you: null,
      peer: null, // { participantId, role, displayName }
      admitted: false,
      pc: null,
      local: null, // the local MediaStream
      safetyCode: "",
      ended: false,
      audioOnly: false,
      peerAudioOnly: false,
      audio: true,
      video: true,
      state: "connecting",
      states: [], // every state shown, in order (the two-browser test reads it)
      firstFrameAt: 0, // Date.now() of the first remote video frame on screen (join-time benchmark)
      marks: {}, // Date.now() of the first time each join step happened (join-time benchmark's breakdown)
    };
    let socket = null;
    let attempt = 0;
    let iceConfig = null;
    let pendingCandidates = [];
    let restartTimer = null;
    let statsTimer = null;
    let lastInbound = null;
    let stalledFor = 0; // seconds without a packet received on a connected peer connection
    let queue = Promise.resolve();

    function mark(step) {
      if (!room.marks[step]) {
        room.marks[step] = Date.now();
      }
    }

    function setState(state, text) {
      room.state = state;
      room.states.push(state);
      const status = el("room-state");
      status.dataset.state = state;
      status.textContent = text;
      if (listeners.state) {
        listeners.state(state);
      }
    }

    function send(message) {
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(message));
        return true;
      }
      return false;
    }

    // --- signaling socket -------------------------------------------------------------------

    function connect() {
      const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + base;
      const ws = new WebSocket(url);
      socket = ws;
      ws.addEventListener("open", () => {
        attempt = 0;
        mark("socket-open");
      });
      ws.addEventListener("message", (event) => {
        let message;
        try {
          message = JSON.parse(event.data);
        } catch (e) {
          return;
        }
        // One message at a time, in order: an offer must not overtake the peer connection it needs.
        queue = queue.then(() => handle(message)).catch((e) => window.svApi.show("error", e.message || String(e)));
      });
      ws.addEventListener("close", (event) => {
        if (socket !== ws || room.ended) {
          return;
        }
        const reason = FINAL_CLOSES[event.code];
        if (reason) {
          stop(reason);
          return;
        }
        if (room.you === null && attempt >= 2) {
          // The handshake was refused before we ever got in: no credential for this visit.
          stop("You cannot enter this visit room.");
          if (listeners.refused) {
            listeners.refused();
          }
          return;
        }
        const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
        attempt++;
        setState("reconnecting", "Reconnecting…");
        setTimeout(() => {
          if (!room.ended) {
            connect();
          }
        }, delay);
      });
    }

    async function handle(m) {
      switch (m.type) {
        case "welcome":
          mark("welcome");
          room.you = m.you;
          room.admitted = m.admitted;
          if (listeners.status) {
            listeners.status(m.visitStatus);
          }
          await onPeers(m.peers || [], true);
          if (!room.admitted) {
            setState("waiting", "Waiting: the clinician will let you in shortly.");
          } else if (!room.peer) {
            setState("alone", room.you.role === "clinician" ? "In the room. No one else is here yet." : "Waiting for the clinician to return.");
          }
          break;
        case "waiting":
          if (listeners.waiting) {
            listeners.waiting(m.participants || []);
          }
          break;
        case "visit-status":
          if (listeners.status) {
            listeners.status(m.status);
          }
          break;
        case "admitted":
          mark("admitted");
          room.admitted = true;
          setState("alone", "You were let in. Connecting the call…");
          await onPeers(m.peers || [], false);
          loadChat();
          break;
        case "peer-joined":
          await onPeers([{ participantId: m.participantId, role: m.role, displayName: m.displayName }], false);
          break;
        case "peer-left":
          if (room.peer && room.peer.participantId === m.participantId) {
            closePeer();
            room.peer = null;
            setState("alone", "The other person left the call. They can rejoin.");
          }
          break;
        case "offer":
          await onOffer(m);
          break;
        case "answer":
          mark("answer");
          if (room.pc) {
            await room.pc.setRemoteDescription({ type: "answer", sdp: m.sdp });
            await flushCandidates();
          }
          break;
        case "candidate":
          if (room.pc && room.pc.remoteDescription) {
            await room.pc.addIceCandidate(m.candidate || null).catch(() => {});
          } else {
            pendingCandidates.push(m.candidate || null);
          }
          break;
        case "media":
          onPeerMedia(m);
          break;
        case "chat":
          appendChat(m);
          break;
        case "idle-warning":
          showIdleWarning(m.closesInSeconds);
          break;
        case "error":
          window.svApi.show("error", m.message || "The room refused a message (" + m.code + ").");
          break;
        default:
          break; // pong and future types
      }
    }

    async function onPeers(peers, fromWelcome) {
      const other = peers.find((p) => !room.you || p.participantId !== room.you.participantId);
      if (!other) {
        return;
      }
      const returning = room.peer !== null;
      room.peer = other;
      el("remote-name").textContent = other.displayName || (other.role === "clinician" ? "Clinician" : "Patient");
      if (room.admitted || (room.you && room.you.role === "clinician")) {
        if (room.you.role === "clinician") {
          // A (re)joining patient gets a fresh connection; our offer starts it.
          await newPeerConnection(true);
          await makeOffer(false);
        } else if (returning || !fromWelcome) {
          await newPeerConnection(false); // the clinician will offer
        }
        if (fromWelcome) {
          loadChat();
        }
      }
    }

    // --- media -------------------------------------------------------------------------------

    async function localMedia() {
      if (room.local) {
        return room.local;
      }
      room.local = await navigator.mediaDevices.getUserMedia({ audio: true, video: !room.audioOnly });
      mark("media");
      el("local-video").srcObject = room.local;
      applyLocalState();
      return room.local;
    }

    async function iceServers() {
      const answer = await window.svApi.call("GET", base + "/ice-servers");
      iceConfig = { iceServers: answer.iceServers, iceTransportPolicy: answer.iceTransportPolicy || "relay" };
      mark("ice-servers");
      return iceConfig;
    }

    function closePeer() {
      if (room.pc) {
        room.pc.close();
        room.pc = null;
      }
      clearInterval(statsTimer);
      pendingCandidates = [];
      room.safetyCode = "";
      el("safety-code").textContent = "—";
      el("remote-video").srcObject = null;
    }

    // The track this page sends on a transceiver of `kind` (no video with the camera off or in
    // audio-only mode: the sender sends nothing rather than black frames).
    function outgoing(kind) {
      if (!room.local || (kind === "video" && (!room.video || room.audioOnly || room.peerAudioOnly))) {
        return null;
      }
      return room.local.getTracks().find((t) => t.kind === kind) || null;
    }

    // The offerer (clinician) adds one audio and one video transceiver; the answerer's come from the
    // offer (attachTracks), since transceivers added before a remote offer would not be used for it.
    async function newPeerConnection(offerer) {
      closePeer();
      await localMedia();
      const pc = new RTCPeerConnection(await iceServers());
      room.pc = pc;
      if (offerer) {
        for (const kind of ["audio", "video"]) {
          const transceiver = pc.addTransceiver(kind, { direction: "sendrecv", streams: [room.local] });
          await transceiver.sender.replaceTrack(outgoing(kind));
        }
      }
      pc.addEventListener("icecandidate", (e) => {
        if (e.candidate && e.candidate.type === "relay") {
          mark("relay-candidate"); // the TURN allocation answered
        }
        if (room.peer) {
          send({ type: "candidate", to: room.peer.participantId, candidate: e.candidate ? e.candidate.toJSON() : null });
        }
      });
      pc.addEventListener("icegatheringstatechange", () => {
        if (pc.iceGatheringState === "complete") {
          mark("ice-gathered");
        }
      });
      pc.addEventListener("iceconnectionstatechange", () => {
        if (pc.iceConnectionState === "connected") {
          mark("ice-connected");
        }
      });
      pc.addEventListener("track", (e) => {
        const video = el("remote-video");
        if (e.track.kind === "video" && !room.firstFrameAt && video.requestVideoFrameCallback) {
          video.requestVideoFrameCallback(() => {
            room.firstFrameAt = Date.now();
            mark("first-frame");
          });
        }
        if (!video.srcObject) {
          video.srcObject = e.streams[0] || new MediaStream([e.track]);
        } else if (!video.srcObject.getTracks().includes(e.track)) {
          video.srcObject.addTrack(e.track);
        }
      });
      pc.addEventListener("connectionstatechange", () => onConnectionState(pc));
      lastInbound = null;
      stalledFor = 0;
      statsTimer = setInterval(() => updateStats(pc).catch(() => {}), 1000);
      return pc;
    }

    async function makeOffer(iceRestart) {
      const pc = room.pc;
      if (!pc || !room.peer) {
        return;
      }
      const offer = await pc.createOffer({ iceRestart });
      await pc.setLocalDescription(offer);
      mark("offer");
      send({ type: "offer", to: room.peer.participantId, sdp: pc.localDescription.sdp });
    }

    async function onOffer(m) {
      mark("offer");
      if (!room.peer || room.peer.participantId !== m.from) {
        room.peer = { participantId: m.from, role: "clinician" };
        el("remote-name").textContent = "Clinician";
      }
      if (!room.pc || room.pc.signalingState === "closed") {
        await newPeerConnection(false);
      }
      try {
        await room.pc.setRemoteDescription({ type: "offer", sdp: m.sdp });
      } catch (e) {
        // An offer of a new connection (the clinician's page came back): start over with it.
        await newPeerConnection(false);
        await room.pc.setRemoteDescription({ type: "offer", sdp: m.sdp });
      }
      const pc = room.pc;
      await attachTracks(pc);
      await flushCandidates();
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      send({ type: "answer", to: m.from, sdp: pc.localDescription.sdp });
      mark("answer");
    }

    async function attachTracks(pc) {
      for (const t of pc.getTransceivers()) {
        const kind = t.receiver.track.kind;
        if (t.direction !== "sendrecv") {
          t.direction = "sendrecv";
          t.sender.setStreams(room.local);
        }
        if (t.sender.track !== outgoing(kind)) {
          await t.sender.replaceTrack(outgoing(kind));
        }
      }
    }

    async function flushCandidates() {
      const queued = pendingCandidates;
      pendingCandidates = [];
      for (const c of queued) {
        await room.pc.addIceCandidate(c).catch(() => {});
      }
    }

    function onConnectionState(pc) {
      if (pc !== room.pc) {
        return;
      }
      const s = pc.connectionState;
      if (s === "connected") {
        mark("dtls-connected");
        clearTimeout(restartTimer);
        restartTimer = null;
        setState("connected", "Connected");
        sendMediaState();
        safetyCode(pc).catch(() => {});
      } else if (s === "disconnected" || s === "failed") {
        setState("reconnecting", "Reconnecting…");
        scheduleRestart(s === "failed" ? 0 : 2000);
      } else if (s === "connecting" && room.state !== "reconnecting") {
        setState("connecting", "Connecting the call…");
      }
    }

    // Only the clinician restarts ICE (one offerer, no glare); it retries until connected again.
    function scheduleRestart(delay) {
      if (!room.you || room.you.role !== "clinician" || restartTimer) {
        return;
      }
      restartTimer = setTimeout(async () => {
        restartTimer = null;
        const pc = room.pc;
        if (!pc || (pc.connectionState === "connected" && stalledFor === 0) || room.ended) {
          return;
        }
        try {
          pc.setConfiguration(await iceServers()); // fresh TURN credentials
          await makeOffer(true);
        } catch (e) {
          // the socket or the server may still be away; try again
        }
        scheduleRestart(4000);
      }, delay);
    }

    function applyLocalState() {
      if (!room.local) {
        return;
      }
      for (const t of room.local.getAudioTracks()) {
        t.enabled = room.audio;
      }
      for (const t of room.local.getVideoTracks()) {
        t.enabled = room.video;
      }
      el("local-tile").classList.toggle("off", !room.video || room.audioOnly);
    }

    function sendMediaState() {
      send({ type: "media", audio: room.audio, video: room.video && !room.audioOnly, audioOnly: room.audioOnly });
    }

    // Audio-only stops video both ways: this side stops its camera and sends no video; the other
    // side, told by the media message, stops sending video too (onPeerMedia).
    async function applyVideoSending() {
      const noVideo = room.audioOnly || room.peerAudioOnly;
      if (noVideo && room.local) {
        for (const t of room.local.getVideoTracks()) {
          t.stop();
          room.local.removeTrack(t);
        }
      }
      if (!noVideo && room.local && room.local.getVideoTracks().length === 0) {
        const camera = await navigator.mediaDevices.getUserMedia({ video: true });
        room.local.addTrack(camera.getVideoTracks()[0]);
        el("local-video").srcObject = room.local;
      }
      applyLocalState();
      if (room.pc) {
        const videoSender = room.pc.getTransceivers().find((t) => t.receiver.track.kind === "video");
        if (videoSender) {
          await videoSender.sender.replaceTrack(outgoing("video"));
        }
      }
      el("remote-tile").classList.toggle("off", noVideo);
    }

    function onPeerMedia(m) {
      const notes = [];
      if (m.audio === false) {
        notes.push("muted");
      }
      if (m.audioOnly) {
        notes.push("audio only");
      } else if (m.video === false) {
        notes.push("camera off");
      }
      el("remote-media").textContent = notes.length ? "(" + notes.join(", ") + ")" : "";
      if (Boolean(m.audioOnly) !== room.peerAudioOnly) {
        room.peerAudioOnly = Boolean(m.audioOnly);
        applyVideoSending().catch(() => {});
      }
    }

    function toggle(button, key) {
      room[key] = !room[key];
      const pressed = key === "audioOnly" ? room[key] : !room[key];
      button.setAttribute("aria-pressed", String(pressed));
    }

    function bindControls() {
      el("mute").addEventListener("click", () => {
        toggle(el("mute"), "audio");
        applyLocalState();
        sendMediaState();
      });
      el("camera").addEventListener("click", async () => {
        toggle(el("camera"), "video");
        await applyVideoSending();
        sendMediaState();
      });
      el("audio-only").addEventListener("click", async () => {
        toggle(el("audio-only"), "audioOnly");
        el("camera").disabled = room.audioOnly;
        await applyVideoSending();
        sendMediaState();
      });
      el("chat-form").addEventListener("submit", (event) => {
        event.preventDefault();
        const text = el("chat-text").value.trim();
        if (!text) {
          return;
        }
        if (send({ type: "chat", text })) {
          el("chat-text").value = "";
        } else {
          window.svApi.show("error", "The message was not sent: the room is reconnecting.");
        }
      });
      el("still-here").addEventListener("click", () => {
        send({ type: "activity" });
        el("idle-warning").hidden = true;
      });
    }

    // --- chat, idle, stop --------------------------------------------------------------------

    function appendChat(m) {
      const log = el("chat-log");
      if (m.id && log.querySelector("[data-id='" + CSS.escape(m.id) + "']")) {
        return;
      }
      const item = document.createElement("li");
      if (m.id) {
        item.dataset.id = m.id;
      }
      const mine = room.you && (m.from === room.you.participantId || m.from === room.you.role);
      item.className = mine ? "mine" : "theirs";
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = (mine ? "You" : m.senderName || (m.role === "clinician" ? "Clinician" : "Patient")) +
        (m.sentAt ? " · " + new Date(m.sentAt).toLocaleTimeString() : "");
      const text = document.createElement("span");
      text.className = "text";
      text.textContent = m.text;
      item.append(who, text);
      log.appendChild(item);
      log.scrollTop = log.scrollHeight;
    }

    async function loadChat() {
      try {
        const history = await window.svApi.call("GET", base + "/chat");
        for (const m of history.messages || []) {
          appendChat(m);
        }
      } catch (e) {
        // history is a convenience; live messages still arrive
      }
    }

    function showIdleWarning(seconds) {
      el("idle-seconds").textContent = String(seconds);
      el("idle-warning").hidden = false;
      el("still-here").focus();
    }

    function stop(reason) {
      room.ended = true;
      closePeer();
      if (room.local) {
        for (const t of room.local.getTracks()) {
          t.stop();
        }
        room.local = null;
      }
      el("local-video").srcObject = null;
      el("idle-warning").hidden = true;
      for (const b of document.querySelectorAll("#call-controls button, #chat-form button")) {
        b.disabled = true;
      }
      setState("stopped", reason);
      if (socket && socket.readyState <= WebSocket.OPEN) {
        socket.close(1000);
      }
    }

    // --- safety code and connection quality --------------------------------------------------

    async function safetyCode(pc) {
      const code = await window.svRoomStats.safetyCode(await pc.getStats());
      if (code && pc === room.pc) {
        room.safetyCode = code;
        el("safety-code").textContent = code;
      }
    }

    // Every second: the quality figure, and a stall check. A cut of a few seconds leaves the peer
    // connection "connected" (ICE needs about 5 s of silence to call it disconnected), so two seconds
    // without a single packet received count as a drop too: "Reconnecting…" and an ICE restart.
    async function updateStats(pc) {
      if (pc !== room.pc || pc.connectionState !== "connected") {
        return;
      }
      const q = window.svRoomStats.quality(await pc.getStats(), lastInbound);
      const moving = !lastInbound || q.sample.received > lastInbound.received;
      lastInbound = q.sample;
      stalledFor = moving ? 0 : stalledFor + 1;
      if (stalledFor >= 2 && room.state === "connected") {
        setState("reconnecting", "Reconnecting…");
        scheduleRestart(0);
      } else if (stalledFor === 0 && room.state === "reconnecting") {
        setState("connected", "Connected");
        sendMediaState();
      }
      const quality = el("quality");
      quality.dataset.quality = q.label.toLowerCase();
      quality.textContent = q.label + (q.rtt !== null ? " (" + Math.round(q.rtt * 1000) + " ms)" : "");
    }

    // --- start -------------------------------------------------------------------------------

    bindControls();
    // A key or pointer press tells the room the person is there (an "activity" frame at most every
    // 30 s, at once while the idle warning shows); "ping" alone does not count as activity.
    let lastActivity = 0;
    for (const kind of ["keydown", "pointerdown"]) {
      document.addEventListener(kind, () => {
        if (!el("idle-warning").hidden || Date.now() - lastActivity > 30000) {
          lastActivity = Date.now();
          send({ type: "activity" });
          el("idle-warning").hidden = true;
        }
      });
    }
    setState("connecting", "Connecting to the visit room…");
    connect();

    const controller = {
      room,
      send,
      admit: (participantId) => send({ type: "admit", participantId }),
      endVisit: () => send({ type: "end-visit" }),
      stop,
    };
    window.svRoom.current = controller;
    return controller;
  }

  return { create, current: null };
})();

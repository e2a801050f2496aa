package health.securevisit.room;

import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Signaling capacity of the visit room (docs/benchmarks/room.md, "Signaling capacity"): N visits, each
 * with the clinician's and the patient's WebSocket, set up through the public API (patient, visit, join
 * link, join, identity step, admission), then an offer, an answer and trickled candidates, then a steady
 * phase in which every socket sends a candidate every {@code interval} and each visit a chat message
 * every {@code chatEvery}. Every frame carries the sender's {@code System.nanoTime()} (in the SDP, the
 * candidate string or the chat text); the receiver records the relay latency. Prints sockets held,
 * p50/p99/max of relay and chat latency, errors, and the CPU time of server and client threads (both run
 * in this JVM: the server is started in-process as in the room tests). Run with bench/room-signaling.sh.
 */
public final class RoomSignalingBench {

    private static final String MARK = "x-sent-";

    private final RunningServer server;
    private final RoomFixture fixture;
    private final HttpClient sockets;
    private final Recorder setup = new Recorder();
    private final Recorder relay = new Recorder();
    private final Recorder chat = new Recorder();
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger unexpectedCloses = new AtomicInteger();
    private final ScheduledExecutorService activity =
            Executors.newScheduledThreadPool(1, r -> new Thread(r, "bench-activity"));
    private volatile boolean steady;
    private volatile boolean finishing;

    private RoomSignalingBench(RunningServer server) {
        this.server = server;
        this.fixture = RoomFixture.of(server);
        AtomicInteger n = new AtomicInteger();
        this.sockets = HttpClient.newBuilder()
                .sslContext(RunningServer.trusting(server.dataDir().resolve("tls/server.crt")))
                .executor(Executors.newFixedThreadPool(
                        2, r -> new Thread(r, "bench-client-" + n.incrementAndGet())))
                .build();
    }

    public static void main(String[] args) throws Exception {
        int visits = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Duration steadyFor = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
        Duration interval = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 2000);
        Duration chatEvery = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 30);
        RunningServer server = RunningServer.start(Map.of());
        try {
            new RoomSignalingBench(server).run(visits, steadyFor, interval, chatEvery);
        } finally {
            server.close();
        }
        System.exit(0);
    }

    private void run(int count, Duration steadyFor, Duration interval, Duration chatEvery) throws Exception {
        long t0 = System.nanoTime();
        List<Visit> visits = prepare(count);
        long failed = visits.stream().filter(v -> !v.admitted).count();
        System.out.printf(
                "prepared, connected and admitted %d visits through the API (%d failed) in %d s; sockets open: %d%n",
                count - failed, failed, seconds(t0), open.get());

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpuBefore = cpu(threads);
        long wallBefore = System.nanoTime();
        steady = true;
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(1, r -> new Thread(r, "bench-sender"));
        for (Visit v : visits) {
            if (!v.admitted) {
                continue;
            }
            for (Side s : List.of(v.doctor, v.patient)) {
                senders.scheduleAtFixedRate(
                        () -> s.sendCandidate(),
                        ThreadLocalRandom.current().nextLong(interval.toMillis()),
                        interval.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            senders.scheduleAtFixedRate(
                    () -> v.chat(),
                    ThreadLocalRandom.current().nextLong(chatEvery.toMillis()),
                    chatEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        Thread.sleep(steadyFor.toMillis());
        steady = false;
        senders.shutdownNow();
        long wall = System.nanoTime() - wallBefore;
        Map<Long, Long> cpuAfter = cpu(threads);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int held = open.get();
        finishing = true;
        activity.shutdownNow();

        long server = 0;
        long client = 0;
        for (var e : cpuAfter.entrySet()) {
            long used = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
            var info = threads.getThreadInfo(e.getKey());
            String name = info == null ? "" : info.getThreadName();
            if (name.startsWith("bench-") || name.startsWith("HttpClient-")) {
                client += used;
            } else {
                server += used;
            }
        }
        System.out.printf(
                "steady phase: %d s, %d sockets held at the end (of %d), load average %.2f%n",
                steadyFor.toSeconds(), held, 2 * count, load);
        System.out.println("setup (offer, answer, candidates): " + setup.summary());
        System.out.println("relay (candidates, steady phase): " + relay.summary());
        System.out.println("chat (stored, audited, relayed):  " + chat.summary());
        System.out.printf(
                "cpu over the steady phase: server threads %.2f cores, client threads %.2f cores (of %d)%n",
                server / (double) wall,
                client / (double) wall,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                "errors: %s; unexpected closes: %d%n",
                errors.isEmpty()
                        ? "none"
                        : errors.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining(", ")),
                unexpectedCloses.get());
        long p99 = relay.percentile(99);
        boolean complete = held == 2 * count && errors.isEmpty() && unexpectedCloses.get() == 0;
        System.out.printf(
                "signaling capacity: %d visits / %d sockets, relay p99 %.1f ms; goal 1000 visits with p99 <= 50 ms: %s%n",
                count,
                held,
                p99 / 1e6,
                count >= 1000 && complete && p99 <= 50_000_000L
                        ? "met"
                        : complete ? "not met at this size" : "NOT met (errors or lost sockets)");
        for (Visit v : visits) {
            v.doctor.close();
            v.patient.close();
        }
    }

    private static Map<Long, Long> cpu(ThreadMXBean threads) {
        Map<Long, Long> cpu = new ConcurrentHashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                cpu.put(id, t);
            }
        }
        return cpu;
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }

    /**
     * Visits set up through the API, four at a time (a clinician account and a patient join each), each
     * connected and admitted at once (the clinician's fresh MFA and session are what the handshake
     * checks); the clinician's socket then sends {@code activity} every minute, as the page does on input,
     * so that neither the room's idle close nor the session's idle limit ends a long run.
     */
    private List<Visit> prepare(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Visit>> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            made.add(CompletableFuture.supplyAsync(
                    () -> {
                        RoomFixture.Visit v = fixture.waitingVisit();
                        fixture.verifyIdentity(v);
                        Visit visit = new Visit(v.id(), cookies(v.clinician()), cookies(v.patient()));
                        v.clinician().http().close();
                        v.patient().http().close();
                        try {
                            visit.connect();
                            activity.scheduleAtFixedRate(
                                    () -> visit.doctor.send("{\"type\":\"activity\"}"), 60, 60, TimeUnit.SECONDS);
                        } catch (RuntimeException e) {
                            errors.computeIfAbsent(
                                            "connect-" + e.getClass().getSimpleName(), k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        return visit;
                    },
                    pool));
        }
        List<Visit> visits = new ArrayList<>();
        for (CompletableFuture<Visit> m : made) {
            visits.add(m.get());
        }
        pool.shutdown();
        return visits;
    }

    /** The Cookie header of a person's client, for the shared WebSocket client. */
    private String cookies(Workforce who) {
        CookieManager jar = (CookieManager) who.http().cookieHandler().orElseThrow();
        return jar.getCookieStore().get(server.uri("/")).stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    /** Latencies in nanoseconds, kept whole (a few hundred thousand at most). */
    static final class Recorder {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized long percentile(int p) {
            if (size == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted[Math.min(size - 1, (int) Math.ceil(p / 100.0 * size) - 1)];
        }

        synchronized String summary() {
            return String.format(
                    "%d frames, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                    size, percentile(50) / 1e6, percentile(99) / 1e6, percentile(100) / 1e6);
        }
    }

    /** One visit: the clinician's and the patient's socket. */
    final class Visit {
        final String id;
        final Side doctor;
        final Side patient;
        volatile boolean admitted;
        private final AtomicLong chats = new AtomicLong();

        Visit(String id, String doctorCookies, String patientCookies) {
            this.id = id;
            this.doctor = new Side(this, doctorCookies);
            this.patient = new Side(this, patientCookies);
        }

        /** Both sockets, admission, then the offer/answer and four candidates each way. */
        void connect() {
            doctor.open();
            doctor.await("welcome");
            patient.open();
            patient.await("welcome");
            doctor.send("{\"type\":\"admit\",\"participantId\":\"" + patient.participantId + "\"}");
            patient.await("admitted");
            admitted = true;
            doctor.send("{\"type\":\"offer\",\"to\":\"" + patient.participantId + "\",\"sdp\":\"" + sdp() + "\"}");
            patient.await("offer");
            patient.send("{\"type\":\"answer\",\"to\":\"" + doctor.participantId + "\",\"sdp\":\"" + sdp() + "\"}");
            doctor.await("answer");
            for (int i = 0; i < 4; i++) {
                doctor.sendCandidate();
                patient.sendCandidate();
            }
        }

        void chat() {
            Side from = chats.incrementAndGet() % 2 == 0 ? doctor : patient;
            from.send("{\"type\":\"chat\",\"text\":\"How are you feeling today? " + MARK + System.nanoTime() + "\"}");
        }

        Side other(Side s) {
            return s == doctor ? patient : doctor;
        }
    }

    /** An SDP of a realistic size (about 3 KB) carrying the send time. */
    private static String sdp() {
        StringBuilder sdp = new StringBuilder("v=0\\r\\no=- 1 2 IN IP4 0.0.0.0\\r\\na=" + MARK + System.nanoTime());
        while (sdp.length() < 3000) {
            sdp.append("\\r\\na=rtpmap:96 VP8/90000\\r\\na=rtcp-fb:96 nack pli\\r\\na=fmtp:111 minptime=10;useinbandfec=1");
        }
        return sdp.toString();
    }

    /** One participant's socket on the shared client. */
    final class Side implements WebSocket.Listener {
        private final Visit visit;
        private final String cookies;
        private final StringBuilder partial = new StringBuilder();
        private final Map<String, CountDownLatch> awaited = new ConcurrentHashMap<>();
        private volatile WebSocket socket;
        volatile String participantId = "";
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        Side(Visit visit, String cookies) {
            this.visit = visit;
            this.cookies = cookies;
        }

        void open() {
            socket = sockets.newWebSocketBuilder()
                    .header("Origin", fixture.origin())
                    .header("Cookie", cookies)
                    .connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create("wss://localhost:" + server.port() + "/api/v1/visits/" + visit.id + "/room"),
                            this)
                    .join();
            open.incrementAndGet();
        }

        void await(String type) {
            try {
                if (!latch(type).await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no " + type + " within 60 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private CountDownLatch latch(String type) {
            return awaited.computeIfAbsent(type, t -> new CountDownLatch(1));
        }

        /** Sends in order (the JDK client allows one outstanding send per socket). */
        synchronized void send(String text) {
            WebSocket s = socket;
            if (s != null && !s.isOutputClosed()) {
                sending = sending.handle((r, e) -> null)
                        .thenCompose(x -> s.sendText(text, true))
                        .exceptionally(e -> {
                            errors.computeIfAbsent("send-failed", k -> new AtomicInteger())
                                    .incrementAndGet();
                            return null;
                        });
            }
        }

        void sendCandidate() {
            send("{\"type\":\"candidate\",\"to\":\"" + visit.other(this).participantId
                    + "\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 41885439 192.0.2.10 "
                    + (50000 + ThreadLocalRandom.current().nextInt(10000))
                    + " typ relay raddr 0.0.0.0 rport 0 generation 0 " + MARK + System.nanoTime()
                    + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
        }

        void close() {
            WebSocket s = socket;
            if (s != null) {
                s.abort();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(text);
            }
            webSocket.request(1);
            return null;
        }

        private void received(String text) {
            long now = System.nanoTime();
            JsonNode frame = Workforce.JSON.readTree(text);
            String type = frame.path("type").asString();
            switch (type) {
                case "welcome" -> participantId =
                        frame.path("you").path("participantId").asString();
                case "offer", "answer", "candidate" -> (steady ? relay : setup).add(now - sent(text));
                case "chat" -> {
                    if (!frame.path("from").asString().equals(participantId)) {
                        chat.add(now - sent(text));
                    }
                }
                case "error" -> errors.computeIfAbsent(
                                frame.path("code").asString(), k -> new AtomicInteger())
                        .incrementAndGet();
                default -> {}
            }
            latch(type).countDown();
        }

        private long sent(String text) {
            int at = text.indexOf(MARK) + MARK.length();
            int end = at;
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
            return Long.parseLong(text.substring(at, end));
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            open.decrementAndGet();
            if (!finishing) {
                unexpectedCloses.incrementAndGet();
                errors.computeIfAbsent("closed-" + statusCode, k -> new AtomicInteger())
                        .incrementAndGet();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            open.decrementAndGet();
            if (!finishing) {
                unexpectedCloses.incrementAndGet();
                errors.computeIfAbsent("socket-error", k -> new AtomicInteger()).incrementAndGet();
            }
        }
    }
}

package health.securevisit.room;

import health.securevisit.support.Workforce;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Join time of the visit room (issue 19's benchmark, docs/benchmarks/room.md): from the clinician's
 * click on "admit" to the first decoded remote video frame on screen on both pages (the later of the
 * two), in the two-namespace setup of RoomBrowserTests (coturn relay, headless Chromium with fake
 * devices). Each round is a new visit with fresh browsers. Prints every round with the time of each
 * step of both pages ({@code room.marks} of room.js, milliseconds after the click; the page load and
 * the socket's opening happen before it and are given as durations), and the median of each.
 * Run with bench/room-join-time.sh.
 */
public final class RoomJoinBench {

    /** The steps room.js marks after admission, in the order they usually happen. */
    static final List<String> STEPS = List.of(
            "admitted",
            "media",
            "ice-servers",
            "offer",
            "relay-candidate",
            "answer",
            "ice-gathered",
            "ice-connected",
            "dtls-connected",
            "first-frame");

    private RoomJoinBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Long> times = new ArrayList<>();
        Map<String, List<Long>> steps = new LinkedHashMap<>();
        try (RoomScenario room = RoomScenario.start()) {
            for (int i = 0; i <= rounds; i++) { // round 0 warms the server and the browsers up
                Workforce.Account doctor = room.clinician();
                RoomScenario.Visit visit = room.visit(doctor);
                RemoteWebDriver patient = room.browser(RoomNetwork.PATIENT);
                RemoteWebDriver clinician = room.browser(RoomNetwork.CLINICIAN);
                try {
                    RoomScenario.patientJoins(patient, visit);
                    room.clinicianOpensRoom(clinician, doctor, visit);
                    RoomScenario.verifyIdentity(clinician, visit);
                    long admitted = RoomScenario.admit(clinician);
                    long millis = RoomScenario.firstFrames(clinician, patient) - admitted;
                    Map<String, Long> round = new LinkedHashMap<>();
                    round.putAll(breakdown("patient", patient, admitted));
                    round.putAll(breakdown("clinician", clinician, admitted));
                    System.out.printf(
                            "round %d%s: %d ms%n  %s%n",
                            i, i == 0 ? " (warm-up, not counted)" : "", millis, format(round));
                    if (i > 0) {
                        times.add(millis);
                        round.forEach((k, v) -> steps.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                    }
                } finally {
                    clinician.quit();
                    patient.quit();
                }
            }
        }
        Map<String, Long> medians = new LinkedHashMap<>();
        steps.forEach((k, v) -> medians.put(k, median(v)));
        System.out.printf("steps, median of %d rounds: %s%n", times.size(), format(medians));
        List<Long> sorted = times.stream().sorted().toList();
        long median = median(times);
        System.out.printf(
                "join time (admit -> first decoded remote frame on both pages): median %d ms of %d, min %d, max %d;"
                        + " goal <= 3000 ms: %s%n",
                median, sorted.size(), sorted.getFirst(), sorted.getLast(), median <= 3000 ? "met" : "NOT met");
    }

    /**
     * One page's steps: {@code page-load} (navigation start to the load event) and {@code socket-open}
     * (navigation start to the socket's opening) as durations; every marked step after the admit click as
     * milliseconds after it.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Long> breakdown(String who, WebDriver page, long admitted) {
        Map<String, Object> read = (Map<String, Object>) ((JavascriptExecutor) page)
                .executeScript("const n = performance.getEntriesByType('navigation')[0];"
                        + " return {origin: performance.timeOrigin, load: n ? n.loadEventEnd : 0,"
                        + " marks: window.svRoom.current.room.marks};");
        Map<String, Object> marks = (Map<String, Object>) read.get("marks");
        double origin = ((Number) read.get("origin")).doubleValue();
        Map<String, Long> out = new LinkedHashMap<>();
        out.put(who + ".page-load", Math.round(((Number) read.get("load")).doubleValue()));
        if (marks.get("socket-open") instanceof Number open) {
            out.put(who + ".socket-open", Math.round(open.doubleValue() - origin));
        }
        for (String step : STEPS) {
            if (marks.get(step) instanceof Number at) {
                out.put(who + "." + step, at.longValue() - admitted);
            }
        }
        return out;
    }

    static String format(Map<String, Long> steps) {
        StringBuilder s = new StringBuilder();
        String page = "";
        for (var e : steps.entrySet()) {
            String[] parts = e.getKey().split("\\.", 2);
            if (!parts[0].equals(page)) {
                page = parts[0];
                s.append(s.isEmpty() ? "" : " | ").append(page).append(":");
            }
            boolean before = parts[1].equals("page-load") || parts[1].equals("socket-open");
            s.append(' ').append(parts[1]).append(before ? " " : " +").append(e.getValue());
        }
        return s.toString();
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}

package health.securevisit.room;

import health.securevisit.support.Workforce;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Join time of the visit room (issue 19's benchmark, docs/benchmarks/room.md): from the clinician's
 * click on "admit" to the first decoded remote video frame on screen on both pages (the later of the
 * two), in the two-namespace setup of RoomBrowserTests (coturn relay, headless Chromium with fake
 * devices). Each round is a new visit with fresh browsers. Prints every round and the median.
 * Run with bench/room-join-time.sh.
 */
public final class RoomJoinBench {

    private RoomJoinBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Long> times = new ArrayList<>();
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
                    System.out.printf("round %d%s: %d ms%n", i, i == 0 ? " (warm-up, not counted)" : "", millis);
                    if (i > 0) {
                        times.add(millis);
                    }
                } finally {
                    clinician.quit();
                    patient.quit();
                }
            }
        }
        List<Long> sorted = times.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        System.out.printf(
                "join time (admit -> first decoded remote frame on both pages): median %d ms of %d, min %d, max %d;"
                        + " goal <= 3000 ms: %s%n",
                median, sorted.size(), sorted.getFirst(), sorted.getLast(), median <= 3000 ? "met" : "NOT met");
    }
}

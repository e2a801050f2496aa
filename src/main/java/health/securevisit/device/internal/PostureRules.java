package health.securevisit.device.internal;

import health.securevisit.access.DevicePosture;
import health.securevisit.access.DeviceStanding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The posture rules as a pure function: a device, its reports (newest first), the checks excepted
 * for it until a recorded expiry, the settings and the time give its standing. For each check the
 * newest report younger than the maximum age that says something about it decides; a check nobody
 * reported fails. Check codes are stable and listed in {@code docs/devices.md}.
 */
public final class PostureRules {

    public static final String NO_POSTURE_REPORT = "no-posture-report";
    public static final String REPORT_STALE = "report-stale";
    public static final String DISK_ENCRYPTION = "disk-encryption";
    public static final String SCREEN_LOCK = "screen-lock";
    public static final String ANTIVIRUS = "antivirus";
    public static final String OS_VERSION = "os-version";
    public static final String MDM_REMOTE_WIPE = "mdm-remote-wipe";
    public static final String BYOD_UNMANAGED = "byod-unmanaged";
    public static final String DEVICE_NOT_BOUND = "device-not-bound";
    public static final String DEVICE_REVOKED = "device-revoked";

    /** Every check code the rules name. */
    public static final Set<String> CHECKS = Set.of(
            NO_POSTURE_REPORT,
            REPORT_STALE,
            DISK_ENCRYPTION,
            SCREEN_LOCK,
            ANTIVIRUS,
            OS_VERSION,
            MDM_REMOTE_WIPE,
            BYOD_UNMANAGED,
            DEVICE_NOT_BOUND,
            DEVICE_REVOKED);

    /** Checks a security officer may except for a device or a group of devices, with an expiry. */
    public static final Set<String> EXCEPTABLE =
            Set.of(DISK_ENCRYPTION, SCREEN_LOCK, ANTIVIRUS, OS_VERSION, MDM_REMOTE_WIPE, REPORT_STALE);

    private PostureRules() {}

    public static DeviceStanding evaluate(
            Device device,
            List<PostureReport> newestFirst,
            Set<String> excepted,
            DeviceSettings settings,
            Instant now) {
        if (newestFirst.isEmpty()) {
            return new DeviceStanding(DevicePosture.UNKNOWN, List.of(NO_POSTURE_REPORT));
        }
        Instant oldest = now.minus(settings.maxReportAge());
        List<PostureReport> fresh = newestFirst.stream()
                .filter(r -> !r.reportedAt().isBefore(oldest))
                .toList();
        List<String> failing = new ArrayList<>();
        if (fresh.isEmpty()) {
            failing.add(REPORT_STALE);
        } else {
            long maxLock = settings.maxScreenLock().toMinutes();
            Instant oldestSignatures = now.minus(settings.maxAntivirusSignatureAge());
            @Nullable
            String minimum = settings.minOsVersion().get(device.osName().toLowerCase(Locale.ROOT));
            check(failing, DISK_ENCRYPTION, fresh, r -> r.diskEncrypted(), Boolean.TRUE::equals);
            check(
                    failing,
                    SCREEN_LOCK,
                    fresh,
                    r -> r.screenLockMinutes() != null ? (Object) r.screenLockMinutes() : r.screenLockOk(),
                    v -> v instanceof Integer minutes ? minutes >= 0 && minutes <= maxLock : Boolean.TRUE.equals(v));
            check(
                    failing,
                    ANTIVIRUS,
                    fresh,
                    r -> r.antivirusRunning() != null ? r : r.antivirusOk(),
                    v -> v instanceof PostureReport r
                            ? Boolean.TRUE.equals(r.antivirusRunning())
                                    && r.antivirusSignaturesAt() != null
                                    && !r.antivirusSignaturesAt().isBefore(oldestSignatures)
                            : Boolean.TRUE.equals(v));
            check(
                    failing,
                    OS_VERSION,
                    fresh,
                    r -> r.osVersion() != null ? r.osVersion() : r.osOk(),
                    v -> v instanceof String version
                            ? minimum != null && compareVersions(version, minimum) >= 0
                            : Boolean.TRUE.equals(v));
            check(
                    failing,
                    device.ownership() == Device.Ownership.ORGANISATION ? MDM_REMOTE_WIPE : BYOD_UNMANAGED,
                    fresh,
                    r -> r.mdmEnrolled() == null ? null : r,
                    v -> v instanceof PostureReport r
                            && Boolean.TRUE.equals(r.mdmEnrolled())
                            && Boolean.TRUE.equals(r.remoteWipe()));
        }
        failing.removeIf(excepted::contains);
        return failing.isEmpty()
                ? DeviceStanding.of(DevicePosture.COMPLIANT)
                : new DeviceStanding(DevicePosture.NONCOMPLIANT, failing);
    }

    /** The newest report with an opinion on the check decides it; none: it fails. */
    private static void check(
            List<String> failing,
            String code,
            List<PostureReport> fresh,
            Function<PostureReport, @Nullable Object> opinion,
            Predicate<Object> passes) {
        for (PostureReport report : fresh) {
            Object value = opinion.apply(report);
            if (value != null) {
                if (!passes.test(value)) {
                    failing.add(code);
                }
                return;
            }
        }
        failing.add(code);
    }

    /**
     * Compares dotted versions numerically ({@code 10.0.19045} and {@code 10.0.9}); a component
     * without digits counts as 0, trailing text after the digits is ignored.
     */
    static int compareVersions(String a, String b) {
        String[] x = a.strip().split("[.]");
        String[] y = b.strip().split("[.]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? leadingNumber(x[i]) : 0;
            long q = i < y.length ? leadingNumber(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long leadingNumber(String part) {
        int end = 0;
        while (end < part.length() && end < 12 && Character.isDigit(part.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Long.parseLong(part.substring(0, end));
    }
}

package health.securevisit.access;

import java.util.Objects;

/**
 * The purpose of a request made for a security incident: the incident investigated and how what is
 * read will be disclosed to the officer. With it, only {@link DataClass#RESIDENCE} can be allowed
 * (the minimum necessary for the breach thresholds), and only for the incident's own patients.
 *
 * @param incident the incident under investigation
 * @param disclosure counts per state (the default), or the per-patient list a notice needs
 */
public record Investigation(IncidentId incident, Disclosure disclosure) {

    /** What the officer is shown of the residences read. */
    public enum Disclosure {
        /** Counts per state only: nobody is named (the breach thresholds need no more). */
        COUNTS,
        /** Each patient with their state: only while the incident's assessment requires notices. */
        PER_PATIENT
    }

    public Investigation {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(disclosure, "disclosure");
    }
}

package health.securevisit.records.web;

import health.securevisit.platform.SecureVisitException.Kind;
import health.securevisit.records.RecordsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** One byte range of an HTTP {@code Range} header (RFC 9110 14.2); several ranges are not served. */
record RangeHeader(long offset, long length) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** The range to serve of an object of {@code size} bytes, or null for the whole object. */
    static @Nullable RangeHeader parse(@Nullable String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw unsatisfiable();
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                throw unsatisfiable();
            }
            first = Math.max(0, size - suffix);
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size || last < first) {
                throw unsatisfiable();
            }
        }
        return new RangeHeader(first, last - first + 1);
    }

    static RecordsException unsatisfiable() {
        return RecordsException.of(
                Kind.RANGE_NOT_SATISFIABLE,
                RecordsException.RANGE_NOT_SATISFIABLE,
                "The range is not a single byte range inside the artifact.");
    }
}

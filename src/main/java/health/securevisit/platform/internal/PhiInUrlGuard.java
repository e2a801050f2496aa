package health.securevisit.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, for every path under {@code /api/v1}, a query string whose parameter names say it carries
 * patient data: 400 {@code phi-in-url}, before authentication and before any module sees the
 * request. Patient data is sent in JSON bodies ({@code POST /api/v1/patients/search}), never in a
 * URL, where proxies, browser histories and access logs would keep it.
 *
 * <p>A name is compared case-insensitively with its separators removed ({@code fullName},
 * {@code full_name}, {@code FULL-NAME} and {@code full.name} are one name), and refused when it
 * contains one of {@link #PHI_WORDS}. The answer never carries the name or the value; neither is
 * logged (the access line has the path only).
 */
final class PhiInUrlGuard extends OncePerRequestFilter {

    /** Words of the patient data fields (and their usual synonyms) that no query parameter may contain. */
    static final List<String> PHI_WORDS = List.of(
            "mrn",
            "name",
            "birth",
            "dob",
            "phone",
            "mobile",
            "mail", // email, e-mail
            "address",
            "street",
            "postal",
            "zip",
            "insurance",
            "ssn",
            "socialsecurity",
            "medicare",
            "medicaid",
            "diagnos");

    private static final String API = "/api/v1/";

    private final ProblemWriter problems;

    PhiInUrlGuard(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null || query.isEmpty() || !request.getRequestURI().startsWith(API);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && carriesPhi(query)) {
            SecurityHeaders.applyIfMissing(response);
            problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "phi-in-url",
                            "Patient data never goes in a URL: send it in the JSON body"
                                    + " (search with POST /api/v1/patients/search)."));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Whether any parameter name of the raw query string names patient data. */
    static boolean carriesPhi(String query) {
        for (String pair : query.split("[&;]")) {
            int eq = pair.indexOf('=');
            String name = normalized(eq < 0 ? pair : pair.substring(0, eq));
            if (name == null) {
                return true; // a name that cannot be decoded is not trusted to be harmless
            }
            for (String word : PHI_WORDS) {
                if (name.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The name decoded, lower-cased and stripped of everything but letters and digits; null if undecodable. */
    static @Nullable String normalized(String raw) {
        String decoded;
        try {
            decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        StringBuilder name = new StringBuilder(decoded.length());
        decoded.toLowerCase(Locale.ROOT)
                .codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(name::appendCodePoint);
        return name.toString();
    }
}

package health.securevisit.workforce.internal;

import health.securevisit.identity.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training courses, stored as data: the bundled catalog ({@code workforce/courses.json}: phishing
 * and MFA-code theft, identity verification at visit start, privacy of recordings and screenshots,
 * incident reporting, BYOD rules) is stored at start when a course or a newer version of it is missing;
 * officers add courses or new versions through the API. A course without content is refused.
 */
@Component
public class Courses implements ApplicationRunner {

    static final String CATALOG = "workforce/courses.json";

    /** One course: its content is what a member attests to have read; {@code roles} must take it. */
    public record Course(String id, int version, String title, String content, Set<Role> roles, Instant createdAt) {

        public Course {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }

        /** The xAPI activity id of this version. */
        public String activityId() {
            return "urn:securevisit:course:" + id + ":v" + version;
        }
    }

    /** A course as the catalog file and the API give it. */
    public record Definition(String id, int version, String title, String content, List<Role> roles) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    Courses(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Definition d : bundled()) {
            Optional<Course> stored = find(d.id());
            if (stored.isEmpty() || stored.get().version() < d.version()) {
                store(d);
            }
        }
    }

    static List<Definition> bundled() {
        try (InputStream in = new ClassPathResource(CATALOG).getInputStream()) {
            return JsonMapper.shared().readValue(in, new TypeReference<List<Definition>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores a course or a new version of one (the version stored is one more than the last).
     *
     * @throws WorkforceFailure {@code course-content-missing} when the content or title is blank or no
     *     role takes it; nothing is stored
     */
    @Transactional
    public Course store(Definition d) {
        if (d.content() == null
                || d.content().isBlank()
                || d.title() == null
                || d.title().isBlank()
                || d.roles() == null
                || d.roles().isEmpty()) {
            throw WorkforceFailure.courseContentMissing();
        }
        Instant now = clock.instant();
        Optional<Course> stored = find(d.id());
        int version = stored.map(c -> Math.max(c.version() + 1, d.version())).orElse(Math.max(1, d.version()));
        String roles = d.roles().stream().map(Role::name).sorted().collect(Collectors.joining(","));
        if (stored.isEmpty()) {
            jdbc.sql("INSERT INTO workforce_course (id, version, title, content, roles, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(d.id(), version, d.title().strip(), d.content().strip(), roles, Timestamp.from(now))
                    .update();
        } else {
            jdbc.sql("UPDATE workforce_course SET version = ?, title = ?, content = ?, roles = ?, created_at = ?"
                            + " WHERE id = ?")
                    .params(version, d.title().strip(), d.content().strip(), roles, Timestamp.from(now), d.id())
                    .update();
        }
        return find(d.id()).orElseThrow();
    }

    public Optional<Course> find(String id) {
        return jdbc.sql("SELECT * FROM workforce_course WHERE id = ?")
                .param(id)
                .query(Courses::map)
                .optional();
    }

    public List<Course> all() {
        return jdbc.sql("SELECT * FROM workforce_course ORDER BY id")
                .query(Courses::map)
                .list();
    }

    private static Course map(ResultSet rs, int n) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(rs.getString("roles").split(","))
                .filter(s -> !s.isBlank())
                .map(Role::valueOf)
                .forEach(roles::add);
        return new Course(
                rs.getString("id"),
                rs.getInt("version"),
                rs.getString("title"),
                rs.getString("content"),
                roles,
                rs.getTimestamp("created_at").toInstant());
    }
}

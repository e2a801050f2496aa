package health.securevisit.identity.internal;

import health.securevisit.identity.Role;
import health.securevisit.identity.WorkforceDirectory;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link WorkforceDirectory} over {@code identity_users} and {@code identity_user_roles} (one indexed query). */
@Component
class JdbcWorkforceDirectory implements WorkforceDirectory {

    private final JdbcClient jdbc;

    JdbcWorkforceDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isActiveClinician(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM identity_users u JOIN identity_user_roles r ON r.user_id = u.id"
                                + " WHERE u.id = ? AND u.enabled = TRUE AND r.role = ?")
                        .params(id, Role.CLINICIAN.name())
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public boolean isActive(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM identity_users WHERE id = ? AND enabled = TRUE")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public List<Clinician> activeClinicians() {
        return jdbc.sql("SELECT u.id, u.username FROM identity_users u JOIN identity_user_roles r ON r.user_id = u.id"
                        + " WHERE u.enabled = TRUE AND r.role = ? ORDER BY u.username")
                .param(Role.CLINICIAN.name())
                .query((rs, n) -> new Clinician(rs.getObject("id", UUID.class), rs.getString("username")))
                .list();
    }

    @Override
    public List<Member> members() {
        Map<UUID, Set<Role>> roles = new HashMap<>();
        jdbc.sql("SELECT user_id, role FROM identity_user_roles").query(rs -> {
            roles.computeIfAbsent(rs.getObject("user_id", UUID.class), k -> EnumSet.noneOf(Role.class))
                    .add(Role.valueOf(rs.getString("role")));
        });
        return jdbc.sql("SELECT id, username, enabled, created_at FROM identity_users ORDER BY username")
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Member(
                            id,
                            rs.getString("username"),
                            roles.getOrDefault(id, Set.of()),
                            rs.getBoolean("enabled"),
                            rs.getTimestamp("created_at").toInstant());
                })
                .list();
    }
}

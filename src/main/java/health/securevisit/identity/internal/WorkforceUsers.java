package health.securevisit.identity.internal;

import health.securevisit.identity.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Workforce accounts and their roles (tables {@code identity_users}, {@code identity_user_roles}). */
@Repository
public class WorkforceUsers {

    private static final String SELECT = "SELECT id, username, password_hash, enabled, created_at FROM identity_users";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();

    WorkforceUsers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Grows with every change to an existing account's enabled flag or roles, once before the change
     * and once after it is committed: state read while the number stayed the same is current ({@link SessionAccounts}).
     */
    long generation() {
        return generation.get();
    }

    /**
     * Runs a change to accounts or roles between two generation bumps: one before, one once the
     * change is committed (after the surrounding transaction, if there is one).
     */
    private void changing(Runnable change) {
        generation.incrementAndGet();
        change.run();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    generation.incrementAndGet();
                }
            });
        } else {
            generation.incrementAndGet();
        }
    }

    @Transactional
    public void insert(WorkforceUser user) {
        try {
            jdbc.sql("INSERT INTO identity_users (id, username, password_hash, enabled, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(
                            user.id(),
                            user.username(),
                            user.passwordHash(),
                            user.enabled(),
                            Timestamp.from(user.createdAt()),
                            Timestamp.from(user.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw IdentityFailure.usernameTaken();
        }
        insertRoles(user.id(), user.roles());
    }

    public Optional<WorkforceUser> findByUsername(String username) {
        return one("username", username);
    }

    public Optional<WorkforceUser> findById(UUID id) {
        return one("id", id);
    }

    public List<WorkforceUser> list() {
        Map<UUID, Set<Role>> roles = allRoles();
        return jdbc.sql(SELECT + " ORDER BY username")
                .query((rs, n) -> map(rs, roles.getOrDefault(rs.getObject("id", UUID.class), Set.of())))
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM identity_users").query(Long.class).single();
    }

    public long countEnabledAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM identity_users u JOIN identity_user_roles r ON r.user_id = u.id"
                        + " WHERE u.enabled = TRUE AND r.role = ?")
                .param(Role.ADMIN.name())
                .query(Long.class)
                .single();
    }

    public void setEnabled(UUID id, boolean enabled) {
        changing(() -> jdbc.sql("UPDATE identity_users SET enabled = ?, updated_at = ? WHERE id = ?")
                .params(enabled, Timestamp.from(clock.instant()), id)
                .update());
    }

    @Transactional
    public void setRoles(UUID id, Set<Role> roles) {
        changing(() -> {
            jdbc.sql("DELETE FROM identity_user_roles WHERE user_id = ?")
                    .param(id)
                    .update();
            insertRoles(id, roles);
            jdbc.sql("UPDATE identity_users SET updated_at = ? WHERE id = ?")
                    .params(Timestamp.from(clock.instant()), id)
                    .update();
        });
    }

    public void setPasswordHash(UUID id, String hash) {
        jdbc.sql("UPDATE identity_users SET password_hash = ?, updated_at = ? WHERE id = ?")
                .params(hash, Timestamp.from(clock.instant()), id)
                .update();
    }

    private void insertRoles(UUID id, Set<Role> roles) {
        for (Role role : roles) {
            jdbc.sql("INSERT INTO identity_user_roles (user_id, role) VALUES (?, ?)")
                    .params(id, role.name())
                    .update();
        }
    }

    /**
     * The account whose {@code column} (a constant of this class) equals {@code key}, with its roles,
     * in one statement: the session filter reads it on every request. (Reading the roles inside the
     * row mapper of a first query held two pool connections per request and deadlocked the pool.)
     */
    private Optional<WorkforceUser> one(String column, Object key) {
        List<WorkforceUser> users = new ArrayList<>(1);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("SELECT u.id, u.username, u.password_hash, u.enabled, u.created_at, r.role FROM identity_users u"
                        + " LEFT JOIN identity_user_roles r ON r.user_id = u.id WHERE u." + column + " = ?")
                .param(key)
                .query(rs -> {
                    if (users.isEmpty()) {
                        users.add(map(rs, Set.of()));
                    }
                    String role = rs.getString("role");
                    if (role != null) {
                        roles.add(Role.valueOf(role));
                    }
                });
        return users.stream()
                .findFirst()
                .map(u -> new WorkforceUser(u.id(), u.username(), u.passwordHash(), roles, u.enabled(), u.createdAt()));
    }

    private Map<UUID, Set<Role>> allRoles() {
        Map<UUID, Set<Role>> all = new HashMap<>();
        jdbc.sql("SELECT user_id, role FROM identity_user_roles").query(rs -> {
            all.computeIfAbsent(rs.getObject("user_id", UUID.class), k -> EnumSet.noneOf(Role.class))
                    .add(Role.valueOf(rs.getString("role")));
        });
        return new LinkedHashMap<>(all);
    }

    private static WorkforceUser map(ResultSet rs, Set<Role> roles) throws SQLException {
        return new WorkforceUser(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("password_hash"),
                roles,
                rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant());
    }
}

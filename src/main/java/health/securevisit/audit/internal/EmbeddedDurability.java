package health.securevisit.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * On the embedded H2 database, a commit is written to the file at once ({@code WRITE_DELAY 0})
 * instead of up to 500 ms later, so that committed data survives a crash of the process, and the
 * audit journal may be emptied as soon as the index transaction that holds its entries has
 * committed ({@link AuditJournal}). H2 does not fsync each commit: the journal forces the audit
 * records itself, and syncs H2 ({@code CHECKPOINT SYNC}) before it drops indexed entries; for the
 * rest of the data to survive a power loss use PostgreSQL, as production does.
 */
@Component
class EmbeddedDurability implements InitializingBean {

    private final DataSource dataSource;

    EmbeddedDurability(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (c.getMetaData().getDatabaseProductName().equals("H2")) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET WRITE_DELAY 0");
                }
            }
        }
    }
}

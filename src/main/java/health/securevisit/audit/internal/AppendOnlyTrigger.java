package health.securevisit.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** H2 trigger (db/vendor/h2/V21) that refuses UPDATE and DELETE on the audit trail's tables. */
public final class AppendOnlyTrigger implements Trigger {

    private String table = "?";

    @Override
    public void init(
            Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("the audit trail is append-only: change of " + table + " refused", "42501");
    }
}

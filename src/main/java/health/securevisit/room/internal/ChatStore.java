package health.securevisit.room.internal;

import health.securevisit.keys.FieldBinding;
import health.securevisit.keys.FieldEncryption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Chat messages of a visit (table {@code room_chat_message}): the text is encrypted through
 * {@link FieldEncryption} in the patient's scope (crypto-shredding the patient removes the chat too),
 * bound to the row; the sequence number orders the messages of one visit.
 */
@Repository
public class ChatStore {

    /** The most messages one read returns (a 1:1 visit has far fewer). */
    static final int MAX_READ = 2000;

    static final String TABLE = "room_chat_message";

    /** A stored message, decrypted. */
    public record Message(UUID id, UUID from, Participant.Role role, String text, Instant sentAt) {
        @Override
        public String toString() {
            return "Message[id=" + id + ", text=***]";
        }
    }

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final TransactionTemplate transactions;

    ChatStore(JdbcClient jdbc, FieldEncryption encryption, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.transactions = transactions;
    }

    /** Stores a message (all or nothing) and returns it. */
    public Message save(Participant from, UUID patientId, String text, Instant at) {
        UUID id = UUID.randomUUID();
        byte[] ciphertext = encryption.encryptText(binding(patientId, id), text);
        UUID userId = from.principal() == null ? null : from.principal().id();
        // Two messages of one visit at the same instant may take the same next seq: the loser retries.
        for (int attempt = 1; ; attempt++) {
            try {
                insert(from, id, userId, ciphertext, at);
                break;
            } catch (DuplicateKeyException taken) {
                if (attempt == 3) {
                    throw taken;
                }
            }
        }
        return new Message(id, from.id(), from.role(), text, at);
    }

    private void insert(Participant from, UUID id, @Nullable UUID userId, byte[] ciphertext, Instant at) {
        transactions.executeWithoutResult(tx -> {
            long seq = jdbc.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM " + TABLE + " WHERE visit_id = ?")
                    .param(from.visitId())
                    .query(Long.class)
                    .single();
            jdbc.sql("INSERT INTO " + TABLE + " (id, visit_id, seq, sender_id, sender_role, sender_user_id,"
                            + " text_ciphertext, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            id,
                            from.visitId(),
                            seq,
                            from.id(),
                            from.role().name(),
                            userId,
                            ciphertext,
                            Timestamp.from(at))
                    .update();
        });
    }

    /** The visit's messages in order (at most {@link #MAX_READ}). */
    public List<Message> list(UUID visitId, UUID patientId) {
        return jdbc.sql("SELECT id, sender_id, sender_role, text_ciphertext, sent_at FROM " + TABLE
                        + " WHERE visit_id = ? ORDER BY seq LIMIT " + MAX_READ)
                .param(visitId)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new Message(
                            id,
                            rs.getObject("sender_id", UUID.class),
                            Participant.Role.valueOf(rs.getString("sender_role")),
                            encryption.decryptText(binding(patientId, id), rs.getBytes("text_ciphertext")),
                            rs.getTimestamp("sent_at").toInstant());
                })
                .list();
    }

    static FieldBinding binding(UUID patientId, UUID messageId) {
        return new FieldBinding("patient:" + patientId, TABLE, "text", messageId.toString());
    }
}

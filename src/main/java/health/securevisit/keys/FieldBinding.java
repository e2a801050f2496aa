package health.securevisit.keys;

/**
 * Where an encrypted field value belongs. {@code scope} names the data key and is the unit of
 * crypto-shredding (for example {@code patient:<uuid>} or {@code identity:user:<uuid>}); table,
 * column and row id bind the ciphertext to its place.
 */
public record FieldBinding(String scope, String table, String column, String rowId) {

    public FieldBinding {
        requireText(scope, "scope");
        requireText(table, "table");
        requireText(column, "column");
        requireText(rowId, "rowId");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("FieldBinding." + name + " must not be blank");
        }
    }
}

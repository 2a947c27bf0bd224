package io.chatsuite.history.repository;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Conversions between rows and Java values the repositories share. */
final class Columns {

    private Columns() {
    }

    /** The reactive client speaks OffsetDateTime for timestamptz; the service speaks Instant. */
    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /** SQL for a user's name as it is now: display name, else username, else null. */
    static String nameOf(String userIdColumn) {
        return "(SELECT coalesce(u.display_name, u.username) FROM users u WHERE u.user_id = " + userIdColumn + ")";
    }

    static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(mapper.apply(row));
        }
        return list;
    }
}

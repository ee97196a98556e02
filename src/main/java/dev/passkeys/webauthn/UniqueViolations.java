package dev.passkeys.webauthn;

import java.util.Locale;

/** Finds the unique constraint behind a failed insert, whichever layer wrapped PostgreSQL's error. */
final class UniqueViolations {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    /** The violated constraint's name (lower case), or null when the failure is not a unique violation. */
    static String constraintOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return String.valueOf(pg.getConstraint()).toLowerCase(Locale.ROOT);
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException hibernate
                    && hibernate.getConstraintName() != null) {
                return hibernate.getConstraintName().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}

package dev.passkeys.api;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** Tells a lost connection to PostgreSQL or Redis (answered with 503) from a bug (answered with 500). */
final class DependencyFailures {

    private DependencyFailures() {
    }

    static boolean isDependencyFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof TimeoutException
                    || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
                return true;
            }
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (name.startsWith("io.vertx.pgclient") && message.contains("connection")
                    || name.startsWith("io.vertx.sqlclient") && message.contains("closed")
                    || name.contains("ClosedConnectionException")
                    || (t instanceof IOException && message.contains("Connection"))
                    || message.contains("Connection refused") || message.contains("Connection is closed")
                    || message.contains("Timeout")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

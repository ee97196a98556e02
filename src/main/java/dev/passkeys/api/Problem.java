package dev.passkeys.api;

import java.util.Map;

import jakarta.ws.rs.core.Response;

/**
 * A failure the client is told about, with the contract's stable {@code code}; {@code extensions} are
 * extra members of the problem document (e.g. {@code unknownCredentialId}).
 */
public class Problem extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    public Problem(int status, String code, String detail, Map<String, Object> extensions) {
        this(status, code, detail, extensions, Map.of());
    }

    private Problem(int status, String code, String detail, Map<String, Object> extensions, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    public Problem(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public static Problem badRequest(String code, String detail) {
        return new Problem(400, code, detail);
    }

    public static Problem invalidRequest(String detail) {
        return badRequest("invalid_request", detail);
    }

    public static Problem unauthorized(String code, String detail) {
        return new Problem(401, code, detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "not_found", detail);
    }

    public static Problem conflict(String code, String detail) {
        return new Problem(409, code, detail);
    }

    /** PostgreSQL or Redis is down, unreachable or too slow: worth retrying later. */
    public static Problem dependencyUnavailable() {
        return new Problem(503, "dependency_unavailable",
                "A backing service (PostgreSQL or Redis) is unavailable; try again later");
    }

    /** 429: a rate limit's budget is spent; {@code Retry-After} tells when the window ends. */
    public static Problem rateLimited(long retryAfterSeconds) {
        return new Problem(429, "rate_limited", "Too many requests; try again in " + retryAfterSeconds + " s",
                Map.of(), Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    /** Response headers that go with the problem document (e.g. {@code Retry-After}). */
    public Map<String, String> headers() {
        return headers;
    }

    public Problem withStatus(int newStatus) {
        return new Problem(newStatus, code, getMessage(), extensions, headers);
    }

    public Response toResponse() {
        return ProblemDocument.response(this);
    }
}

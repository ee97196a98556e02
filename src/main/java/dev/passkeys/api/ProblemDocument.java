package dev.passkeys.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/** The RFC 9457 body: {@code type, title, status, detail, code} plus the problem's extensions. */
public final class ProblemDocument {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemDocument() {
    }

    public static Map<String, Object> body(Problem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(problem.status()));
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        body.put("code", problem.code());
        body.putAll(problem.extensions());
        return body;
    }

    public static Response response(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(MEDIA_TYPE)
                .entity(body(problem));
        problem.headers().forEach(builder::header);
        if (problem.status() == 401 && ("unauthorized".equals(problem.code()) || "invalid_token".equals(problem.code()))) {
            // RFC 6750 section 3: the challenge of bearer-protected resources.
            builder.header("WWW-Authenticate",
                    "invalid_token".equals(problem.code()) ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        return builder.build();
    }

    static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return status == 429 ? "Too Many Requests" : "Error";
    }
}

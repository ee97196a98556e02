package dev.passkeys.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/** Turns every exception that reaches the HTTP layer into a problem document; none leaks a stack trace. */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @ServerExceptionMapper
    public Response problem(Problem problem) {
        return problem.toResponse();
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class })
    public Response unreadableJson(JsonProcessingException e) {
        String detail = e instanceof StreamConstraintsException
                ? "The JSON body exceeds a nesting or length limit"
                : "The body is not the JSON this endpoint expects: " + e.getOriginalMessage();
        return Problem.invalidRequest(detail).toResponse();
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, AuthenticationCompletionException.class,
            UnauthorizedException.class })
    public Response unauthenticated(RuntimeException e) {
        return e instanceof UnauthorizedException
                ? Problem.unauthorized("unauthorized", "This endpoint needs an Authorization: Bearer access token").toResponse()
                : Problem.unauthorized("invalid_token",
                        "The access token is malformed, expired, not signed by this service or not meant for it").toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        if (status < 400 || status >= 500) {
            return unexpected(e);
        }
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> "invalid_request";
        };
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 406 -> "This endpoint answers application/json only";
            case 413 -> "The request body exceeds the size limit";
            case 415 -> "Request bodies must be application/json";
            default -> "The request is invalid";
        };
        return new Problem(status, code, detail).toResponse();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (DependencyFailures.isDependencyFailure(e)) {
            LOG.warnf("A backing service is unavailable: %s", e.toString());
            return Problem.dependencyUnavailable().toResponse();
        }
        LOG.error("Unexpected failure while handling a request", e);
        return new Problem(500, "internal_error", "An unexpected error occurred").toResponse();
    }
}

package dev.passkeys.audit;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A page of the signed-in user's events, newest first. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEventPage(List<AuditEventView> events,
        @Schema(description = "Pass as ?before= for the next (older) page; null on the last page") String nextCursor) {
}

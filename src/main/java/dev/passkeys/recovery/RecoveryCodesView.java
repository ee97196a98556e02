package dev.passkeys.recovery;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The user's recovery codes: the codes themselves only once, when they are created. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecoveryCodesView(
        @Schema(description = "The new codes, shown this once: the service keeps only their hashes") List<String> codes,
        @Schema(description = "Unused codes left", examples = "10") long remaining) {
}
